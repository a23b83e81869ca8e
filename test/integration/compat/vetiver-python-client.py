"""What vetiver-python's client does (vetiver/server.py `predict`, spec §5.6), with the same
libraries: a DataFrame goes as `data=df.to_json(orient="records")` with no Content-Type, a dict
as `json=[row]`; 422 raises TypeError; the answer becomes `pd.DataFrame.from_dict(json)`.

Usage: vetiver-python-client.py URL ROWS_JSON {frame|dict}. Prints the resulting frame as JSON.
"""
import json
import sys

import pandas as pd
import requests

url, rows, mode = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
try:
    if mode == "frame":
        response = requests.post(url, data=pd.DataFrame(rows).to_json(orient="records"))
    else:
        response = requests.post(url, json=[rows[0]])
    if response.status_code == 422:
        raise TypeError(response.text.replace("\n", ": "))
    response.raise_for_status()
    frame = pd.DataFrame.from_dict(response.json())
    print(json.dumps({"columns": list(frame.columns), "values": frame.iloc[:, 0].tolist(),
                      "content_type_sent": response.request.headers.get("Content-Type")}))
except TypeError as error:
    print(json.dumps({"raised": "TypeError", "message": str(error)}))
