# Reads every pin of a folder board with the readers pins-python uses, and prints what they
# read as JSON on stdout (run by test/integration/compat-r-python.test.ts).
#   data.txt  yaml.safe_load          (pins/meta.py MetaFactory.read_pin_yaml)
#   csv       pandas.read_csv         (pins/drivers.py load_data)
#   json      json.load               (pins/drivers.py load_data)
#   version   Version.from_string: '<%Y%m%dT%H%M%SZ>-<5 chars>' (pins/versions.py)
# Usage: python3 read-board.py <board folder>
import json
import math
import os
import sys
from datetime import datetime

import pandas as pd
import yaml


def plain(value):
    """A JSON-ready value: numpy scalars as Python scalars, NaN as None."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalar
        return plain(value.item())
    return value


def parse_version(name):
    parts = name.split("-")
    if len(parts) != 2:
        return None
    created = datetime.strptime(parts[0], "%Y%m%dT%H%M%SZ")
    if created.strftime("%Y%m%dT%H%M%SZ") != parts[0] or len(parts[1]) != 5:
        return None
    return {"created": created.strftime("%Y-%m-%dT%H:%M:%SZ"), "hash": parts[1]}


def read_pin(pin_dir):
    version = sorted(os.listdir(pin_dir))[-1]  # the latest version, as pins-python picks it
    version_dir = os.path.join(pin_dir, version)
    with open(os.path.join(version_dir, "data.txt"), encoding="utf-8") as f:
        meta = yaml.safe_load(f)
    path = os.path.join(version_dir, meta["file"])
    if meta["type"] == "csv":
        df = pd.read_csv(path)
        data = {
            name: {"dtype": str(df[name].dtype), "values": [plain(v) for v in df[name].tolist()]}
            for name in df.columns
        }
    elif meta["type"] == "json":
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    else:
        data = None
    return {"version": version, "parsed_version": parse_version(version), "meta": meta, "data": data}


board = sys.argv[1]
pins = {name: read_pin(os.path.join(board, name)) for name in sorted(os.listdir(board))}
json.dump(pins, sys.stdout, allow_nan=False)
