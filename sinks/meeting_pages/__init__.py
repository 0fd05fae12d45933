"""``newswatch serve``'s pages: who meets whom, read from the meeting store.

``routes`` mounts the pages on the API's FastAPI app: Network (``/view/network``), Map (``/view/map``),
Timeline (``/view/timeline``) and one page per meeting (``/view/meetings/{id}``), plus the JSON they
draw from (``/graph``, ``/view/data/countries.json``). ``graph`` folds meetings into nodes and edges,
``regions`` knows which region a country is in, ``assets`` finds the third-party JavaScript and map
data that ``make setup`` installed from npm (nothing third-party lives in the repository).
"""
