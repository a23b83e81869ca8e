# Writes a csv pin into a folder board the way pins-python does, and prints what it wrote as
# JSON on stdout (run by test/integration/compat-r-python.test.ts).
#   data      DataFrame.to_csv(index=False)                        (pins/drivers.py save_data)
#   data.txt  yaml.dump(meta) to the file: sort_keys, no allow_unicode (pins/meta.py to_pin_yaml)
#   version   '<created %Y%m%dT%H%M%SZ>-<pin_hash[:5]>'            (pins/versions.py)
# pin_hash is not computed (hashes are tested elsewhere); the fixed value is shaped like a YAML
# number that PyYAML writes unquoted, a trap for YAML 1.2 readers (spec 1.6).
# Usage: python3 write-pin.py <board folder> <pin name>
import json
import math
import os
import sys
from datetime import datetime, timezone

import pandas as pd
import yaml

board, name = sys.argv[1], sys.argv[2]

df = pd.DataFrame(
    {
        "id": [1, 2, 3, 4, 5],
        "text": ['say "hi", ok', "line1\nline2", "h\u00e9llo \u2713 \u65e5\u672c", "", None],
        "code": ["00123", "0042", "007", "000", "01"],
        "flag": [True, False, None, True, False],
        "x": [0.1, 1e-7, 1.5, None, -2.0],
    }
)

created = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
pin_hash = "12345e6789012345"
version = f"{created}-{pin_hash[:5]}"
version_dir = os.path.join(board, name, version)
os.makedirs(version_dir)
file = f"{name}.csv"
df.to_csv(os.path.join(version_dir, file), index=False)

meta = {
    "title": "h\u00e9llo: a pinned 5 x 5 DataFrame",
    "description": None,
    "created": created,
    "pin_hash": pin_hash,
    "file": file,
    "file_size": os.path.getsize(os.path.join(version_dir, file)),
    "type": "csv",
    "api_version": 1,
    "user": {
        "flag": True,
        "y": "y",
        "n": "n",
        "s": "yes",
        "e": "1e5",
        "lz": "0123456789012345",
        "hash_like": "12345e6789012345",
        "date_like": "2024-01-02",
        "num": 3,
        "x": 1.5,
        "nested": {"list": [1, "two", None], "empty": {}},
    },
}
with open(os.path.join(version_dir, "data.txt"), "w", encoding="utf-8") as f:
    yaml.dump(meta, f)


def plain(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return plain(value.item())
    return value


records = [{key: plain(value) for key, value in row.items()} for row in df.to_dict(orient="records")]
with open(os.path.join(version_dir, "data.txt"), encoding="utf-8") as f:
    data_txt = f.read()
json.dump({"version": version, "meta": meta, "records": records, "data_txt": data_txt}, sys.stdout, allow_nan=False)
