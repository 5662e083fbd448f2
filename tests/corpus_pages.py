"""Short invented news pages for the store and ingest tests: two agencies, one person spelled three
ways, one city spelled two ways, dates for the date facet."""

from __future__ import annotations

KYIV_REUTERS = (
    "KYIV, May 22 (Reuters) - Ukrainian President Volodymyr Zelenskiy said on Sunday that talks with Moscow "
    "could only resume after Russian troops left the country.\n"
    "Zelenskiy told reporters in Kyiv that 50 to 100 Ukrainian soldiers were being killed every day in the "
    "eastern Donbas region.\n"
    "The Kremlin did not immediately respond to a request for comment.\n"
)

KIEV_CNN = (
    "Kiev, Ukraine (CNN) - President Zelensky met Polish President Andrzej Duda in Kiev on Saturday, the "
    "first foreign leader to address the Ukrainian parliament in person since the invasion began.\n"
    "\"Only Ukraine has the right to decide its future,\" Duda told lawmakers, according to a CNN translation.\n"
    "Duda later travelled to Lviv, where he met refugees at the railway station.\n"
)

HALDEN_AP = (
    "HALDEN, Norway (AP) - More than 30,000 runners finished the city marathon on Sunday, and the men's "
    "race ended in a course record as Daniel Kiprop crossed the line in 2 hours and 5 minutes.\n"
    "\"I felt the wind on the bridge and decided it was now or never,\" Kiprop told The Associated Press.\n"
    "Organizers said 4,000 volunteers helped along the course.\n"
)

DATES = {"kyiv": "2022-05-22", "kiev": "2022-05-21", "halden": "2023-10-15"}
