"""Access to the knowledge files under `sitrep/data/`: plain YAML and CSV, versioned with the code."""
from __future__ import annotations

import csv
import functools
from importlib import resources
from pathlib import Path
from typing import Any

import yaml


def data_path(name: str) -> Path:
    return Path(str(resources.files("sitrep") / "data" / name))


@functools.cache
def load_yaml(name: str) -> Any:
    with data_path(name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def load_csv(name: str) -> list[dict[str, str]]:
    with data_path(name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(row for row in handle if not row.startswith("#")))


@functools.cache
def given_names() -> frozenset[str]:
    """`data/given_names.csv` in lower case: the first names that open a person's name ("David Feldheim", "HECTOR
    OQUELI COLINDRES")."""
    return frozenset(row["name"].lower() for row in load_csv("given_names.csv"))
