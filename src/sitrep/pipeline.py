"""Named pipeline stages with declared contracts, and the pipeline that runs them over one `Document`.

A stage is registered under a name with what it needs from the document (`requires`) and what it adds
(`assigns`). `Pipeline.check()` reports a stage whose needs no earlier stage provides before anything runs, so a
swapped-in stage (a user's trained spaCy NER in place of the built-in recogniser) is checked, not discovered by
a crash. The default order is the cascade written down in `DEFAULT_STAGES`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from .model import Document

StageFunc = Callable[[Document], None]


@dataclass(frozen=True)
class Stage:
    name: str
    func: StageFunc
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    doc: str


_REGISTRY: dict[str, Stage] = {}

# The order of decisions, in one place: drop page furniture, split sentences, recognise mentions (the swappable
# NER step), find places, resolve time expressions, build event frames, merge frames telling one event, then
# write the records.
DEFAULT_STAGES: tuple[str, ...] = ("clean", "segment", "mentions", "places", "dates", "frames", "merge", "records")


def stage(name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = ()) -> Callable[[StageFunc], StageFunc]:
    """Register `func` as the stage `name`. A later registration under the same name replaces it (a plug-in)."""

    def register(func: StageFunc) -> StageFunc:
        _REGISTRY[name] = Stage(name, func, tuple(requires), tuple(assigns), (func.__doc__ or "").strip().split("\n")[0])
        return func

    return register


def registered() -> dict[str, Stage]:
    _load_builtin_stages()
    return dict(_REGISTRY)


def _load_builtin_stages() -> None:
    # Importing the stage modules registers their stages; done lazily so `model` and `pipeline` stay import-light.
    from . import dates, events, geo, link, mentions, text  # noqa: F401


class PipelineError(ValueError):
    pass


class Pipeline:
    def __init__(self, names: Iterable[str] = DEFAULT_STAGES, *, replace: dict[str, str] | None = None):
        stages = registered()
        replace = replace or {}
        self.stages: list[Stage] = []
        for name in names:
            chosen = replace.get(name, name)
            if chosen not in stages:
                raise PipelineError(f"unknown stage {chosen!r}; registered: {', '.join(sorted(stages))}")
            self.stages.append(stages[chosen])
        self.check()

    def check(self) -> None:
        provided = {"article"}
        for s in self.stages:
            missing = [r for r in s.requires if r not in provided]
            if missing:
                raise PipelineError(f"stage {s.name!r} requires {', '.join(missing)}, which no earlier stage assigns")
            provided.update(s.assigns)

    def __call__(self, doc: Document) -> Document:
        for s in self.stages:
            s.func(doc)
        return doc
