"""Hand-labelled groups of tasks that state the same mandate, across the five seed plans.

Each task is named by its plan (file prefix) and one source line inside it, so the labels do
not depend on task ids. Read by the quality benchmark; labelled by reading the plans side by
side (the 001 table rows by the line of their row number or first words)."""

GROUPS: dict[str, list[tuple[str, int]]] = {
    "disseminate directives on mass mobilisation (23-QĐ/TW ...)": [
        ("000", 20), ("002", 41), ("004", 14), ("004", 42), ("003", 80), ("001", 59), ("001", 85)],
    "grassroots democracy law: disseminate, implement": [
        ("000", 40), ("002", 43), ("002", 59), ("004", 16), ("003", 105), ("001", 145)],
    "'Dân vận khéo' models and movement": [
        ("000", 36), ("002", 33), ("002", 55), ("004", 28), ("001", 64), ("001", 142), ("002", 115)],
    "overall administrative reform programme": [
        ("000", 44), ("000", 46), ("002", 67), ("003", 117), ("003", 129), ("004", 18)],
    "satisfaction indices, IT in public services": [("000", 48), ("004", 24), ("001", 209)],
    "publish procedures, one-stop shop": [("000", 50), ("002", 69), ("002", 71)],
    "receive citizens' feedback (hotline, e-mail)": [("002", 73), ("002", 75), ("001", 195)],
    "citizen reception, complaints and denunciations": [
        ("000", 52), ("002", 79), ("002", 81), ("003", 167), ("003", 182), ("003", 194), ("003", 244),
        ("003", 248), ("004", 32), ("001", 203)],
    "public-service ethics, discipline, office culture": [
        ("000", 62), ("002", 87), ("002", 89), ("002", 91), ("003", 143), ("003", 155), ("004", 22)],
    "reorganise the apparatus": [("000", 58), ("002", 85), ("004", 30), ("001", 219), ("001", 224)],
    "the city's master plan (theme of the year)": [("002", 51), ("001", 132)],
    "score and rank mass-mobilisation work": [("002", 63), ("002", 107), ("002", 113), ("001", 180), ("001", 176)],
    "evaluate and review the year's mass-mobilisation work": [("001", 68), ("001", 183), ("004", 50), ("004", 52)],
    "periodic reports on results": [
        ("000", 80), ("001", 266), ("001", 276), ("004", 60), ("004", 64), ("002", 105), ("003", 232)],
    "inspect and supervise units": [
        ("000", 70), ("000", 76), ("001", 237), ("001", 256), ("003", 226), ("004", 58), ("004", 48)],
    "units draw up their own plans": [("000", 74), ("001", 243), ("004", 38), ("001", 121)],
    "mass mobilisation and democracy rules in schools": [("000", 78), ("001", 261)],
    "divisions implement the plan and policies": [("000", 68), ("001", 233)],
    "direct dialogue with the people": [("001", 190), ("000", 60)],
    "propaganda plans and forms": [("002", 47), ("002", 103), ("001", 252)],
}

# The education department's plans, second half of 2025 (000) → 2026 (001): what a careful
# reader says happened to each task (kept = the same wording, modified = the same mandate
# reworded, dropped / new = no counterpart). Old tasks by a line in 000, new ones by a line in
# 001. Tasks whose counterpart is a matter of taste (two 2026 rows fit one 2025 item) are left
# out rather than guessed. (000:68 → 001:233 was first labelled "kept"; the 2026 text drops a
# clause, so it is "modified".)
YOY_OLD = {
    20: "modified", 22: "dropped", 24: "dropped", 26: "dropped", 30: "dropped", 32: "dropped",
    36: "modified", 38: "dropped", 40: "modified", 44: "dropped", 46: "dropped", 48: "modified",
    50: "dropped", 52: "modified", 58: "modified", 60: "modified", 62: "dropped", 68: "modified",
    70: "kept", 74: "modified", 76: "modified", 78: "kept", 80: "modified",
}
YOY_NEW = {
    68: "new", 85: "modified", 111: "new", 132: "new", 176: "new", 180: "new", 183: "new",
    190: "modified", 195: "new", 203: "modified", 209: "modified", 219: "modified", 224: "new",
    233: "modified", 237: "kept", 243: "modified", 247: "new", 252: "new", 256: "modified",
    261: "kept", 266: "modified", 276: "new",
}
