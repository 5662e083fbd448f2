"""serve.search: the request parameters whose limits the app's `ServeConfig` sets. Above all the search
filters (q, entity, place, origin, from, to; limit and exact where a route takes them), read by one
FastAPI dependency, `SearchFilters`, for every route that filters.

A route at module level cannot name its app's limits in its signature (two apps in one process may have
two configs), so it marks the parameters instead — `Annotated[str | None, QUERY_TEXT]`,
`Annotated[int, LIMIT]`, `Annotated[SearchQuery, SearchFilters(limit=20)]` — and `declared` gives the
route to FastAPI with the marks replaced by the app's declarations (`Query(max_length=…)`, `Depends(…)`).
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Annotated, Any, get_args, get_origin

from fastapi import Depends, Query
from fastapi import Path as PathParam
from fastapi.responses import Response

from newsdesk.read.files import parse_date
from newsdesk.serve.config import BAD_REQUEST, ApiError, ServeConfig
from newsdesk.store import SearchQuery

#: A route: FastAPI calls it with its parameters by name, and it answers.
Endpoint = Callable[..., Awaitable[Response]]


class Bounded(Enum):
    """Marks a parameter (in `Annotated[type, mark]`) whose limit the app's `ServeConfig` sets."""

    #: A text query parameter: at most `max_query_chars` characters.
    QUERY_TEXT = "query text"
    #: A text path parameter: at most `max_query_chars` characters.
    PATH_TEXT = "path text"
    #: A number of results: 1 to `max_limit`.
    LIMIT = "limit"

    def declare(self, settings: ServeConfig) -> Any:
        """The FastAPI declaration of the parameter under `settings`."""
        if self is Bounded.QUERY_TEXT:
            return Query(max_length=settings.max_query_chars)
        if self is Bounded.PATH_TEXT:
            return PathParam(max_length=settings.max_query_chars)
        return Query(ge=1, le=settings.max_limit)


QUERY_TEXT, PATH_TEXT, LIMIT = Bounded.QUERY_TEXT, Bounded.PATH_TEXT, Bounded.LIMIT


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """The FastAPI dependency that reads a route's search filters into a `SearchQuery`: q, then entity,
    place and origin (with `names`), from and to, then limit (when `limit` is its default; at most
    `most`, else the app's `max_limit`) and exact (with `exact`), in that order, as the OpenAPI document
    lists them. An empty name is refused (400), a date must be YYYY-MM-DD.

    In a route's signature it marks the parameter (`Annotated[SearchQuery, SearchFilters(limit=20)]`);
    `declare` binds it to the app's `settings`, and FastAPI reads its parameters from `__signature__`."""

    names: bool = True
    limit: int | None = None
    most: int | None = None
    exact: bool = False
    #: The app's limits (`declare` sets them); the defaults until then.
    settings: ServeConfig = field(default_factory=ServeConfig)

    def declare(self, settings: ServeConfig) -> Any:
        return Depends(dataclasses.replace(self, settings=settings))

    @property
    def __signature__(self) -> inspect.Signature:
        text = Query(max_length=self.settings.max_query_chars)
        parameters = [_keyword("q", Annotated[str, text], "")]
        if self.names:
            parameters += [_keyword(name, Annotated[str | None, text], None) for name in ("entity", "place", "origin")]
        parameters += [_keyword(f"date_{alias}", Annotated[str | None, Query(alias=alias, max_length=10,
                                                                             description="YYYY-MM-DD")], None)
                       for alias in ("from", "to")]
        if self.limit is not None:
            most = self.settings.max_limit if self.most is None else self.most
            parameters.append(_keyword("limit", Annotated[int, Query(ge=1, le=most)], self.limit))
        if self.exact:
            parameters.append(_keyword("exact", bool, False))
        return inspect.Signature(parameters, return_annotation=SearchQuery)

    async def __call__(self, q: str = "", entity: str | None = None, place: str | None = None,
                       origin: str | None = None, date_from: str | None = None, date_to: str | None = None,
                       limit: int = 20, exact: bool = False) -> SearchQuery:
        for name, value in (("entity", entity), ("place", place), ("origin", origin)):
            if value is not None and not value.strip():
                raise ApiError(400, BAD_REQUEST, f"parameter {name} is empty: leave it out, or give a name")
        return SearchQuery(text=q, entity=entity, place=place, origin=origin,
                           date_from=parse_date(date_from, "parameter from") if date_from else None,
                           date_to=parse_date(date_to, "parameter to") if date_to else None, limit=limit,
                           exact=exact)


def declared(endpoint: Endpoint, settings: ServeConfig) -> Endpoint:
    """`endpoint` as FastAPI should read it in an app with `settings`: each parameter marked `Bounded`
    or `SearchFilters` declared with the app's limits (its name, default, order and the route's name
    and docstring kept). The call goes to `endpoint` unchanged; one without marks is returned as is."""
    signature = inspect.signature(endpoint, eval_str=True)
    parameters = [_declare(parameter, settings) for parameter in signature.parameters.values()]
    if parameters == list(signature.parameters.values()):
        return endpoint

    @functools.wraps(endpoint)
    async def with_limits(**values: Any) -> Response:
        return await endpoint(**values)

    # FastAPI reads a route's parameters with `inspect.signature`, which takes `__signature__` first.
    setattr(with_limits, "__signature__", signature.replace(parameters=parameters))  # noqa: B010
    return with_limits


def _declare(parameter: inspect.Parameter, settings: ServeConfig) -> inspect.Parameter:
    if get_origin(parameter.annotation) is not Annotated:
        return parameter
    base, *marks = get_args(parameter.annotation)
    if not any(isinstance(mark, Bounded | SearchFilters) for mark in marks):
        return parameter
    marks = [mark.declare(settings) if isinstance(mark, Bounded | SearchFilters) else mark for mark in marks]
    return parameter.replace(annotation=Annotated[(base, *marks)])


def _keyword(name: str, annotation: Any, default: Any) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)


__all__ = ["LIMIT", "PATH_TEXT", "QUERY_TEXT", "Bounded", "Endpoint", "SearchFilters", "declared"]
