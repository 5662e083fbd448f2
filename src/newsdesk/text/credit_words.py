"""credit_words: the closed classes of words the credit grammar (`newsdesk.text.credit`) is built with.

They are the grammar's word classes (the heads outlets are named with, the words a credit line says,
the roles a byline gives), not names of any one outlet: an outlet's own name always fills an open slot.
"""

from __future__ import annotations

# Words newspapers, broadcasters and news sites are named with: the head of an outlet's name.
OUTLET_HEADS = frozenset("""
    news times post herald gazette journal tribune daily press media wire wires newswire agency telegraph
    chronicle observer guardian star sun mail express insider today weekly magazine review report reporter
    network tv radio broadcasting broadcast online digital monitor independent standard register courier
    examiner bulletin record dispatch ledger globe inquirer enquirer sentinel voice leader citizen mirror
    argus beacon statesman pioneer nation bee eagle intelligencer advocate messenger blade telegram courant
    zeitung informer bureau service syndicate newsroom desk blog hub brief briefing watch wrap live channel
    gazette-journal post-gazette free-press daily-news newsday stuff outlook tribune-review
""".split())


# Names that fill an outlet-shaped slot without being a source of text: picture agencies (their
# credits are captions), platforms and the software sites are built with.
NOT_SOURCES = frozenset("""
    getty images shutterstock epa alamy istock afp/getty ap/shutterstock facebook twitter instagram youtube
    tiktok telegram whatsapp google linkedin reddit pinterest flickr unsplash wikimedia wikipedia
    wordpress blogger ghost drupal squarespace wix
    agencies wires internet staff
""".split())


# A site's sections: "World | Site" is a navigation line, not a byline ("Jane Doe | Site").
SECTION_WORDS = frozenset("""
    home news world top stories breaking latest europe international politics business sport sports opinion
    local tech technology entertainment science health culture lifestyle travel us uk national region regional
    headlines analysis features video live economy markets asia africa americas middle east more
""".split())


# A site's own pages and feeds: "Privacy Policy | Terms of Service", "Entries RSS | Comments RSS".
SITE_PAGE_WORDS = frozenset("""
    privacy policy terms service conditions entries comments rss feed contact about advertise careers subscribe
    login newsletter cookies sitemap archive archives
""".split())


# What follows a byline's name and is no outlet: a role ("Staff Writer"), a degree or a suffix.
ROLE_WORDS = frozenset("""
    writer writers editor editors reporter reporters correspondent correspondents contributor contributors columnist
    staff intern producer producers analyst photographer photojournalist journalist journalists author critic
    director jr sr ii iii iv phd ph.d md m.d esq
""".split())


#: Words that qualify a role ("Senior Correspondent", "Sports Editor") and are no outlet on their own,
#: but can be part of an outlet's name ("Yahoo Sports", "Fox Business").
ROLE_QUALIFIERS = frozenset("""
    chief senior special contributing associate deputy managing executive political science health business sports
""".split())


WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday today yesterday".split())


# The words a credit line is made of, besides its outlet: what it says (source, courtesy, republished…)
# and the small words that hold them together. A line made of these and an outlet is a credit in
# whatever order they come ("This story has been syndicated from X", "X: original source").
CREDIT_CUES = frozenset("""
    source sources sourced credit credits courtesy originally original first published publication appeared appears
    appear republished reposted reprinted reproduced syndicated syndication shared provided distributed permission
    licensed license licence copyright © rights reserved partner partnership arrangement agreement produced brought
    via feed contributed files reporting
""".split())


CREDIT_GLUE = frozenset("""
    the a an this that these is was were has have had been be being by from on in at of for to with and its our
    their under as it here kind express courtesy article story post content report news text item piece website
    site full read more visit see version online originally also first all
""".split())


#: Words that open a credit line and never an outlet's name: prepositions and the words of crediting
#: ("From X", "VIA X", "CONTENT COURTESY OF X" are no names).
LEAD_WORDS = (CREDIT_CUES - {"first", "original"}) | frozenset(
    "from via by on at of in for with to through content story article".split())
