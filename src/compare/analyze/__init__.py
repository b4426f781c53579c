"""Layer 4, the tables → relations between plans: vectors, similarity, clusters, overlaps,
changes from year to year, coverage of the themes, citations, trends, search, and `Corpus`
(the library's entry point). `analyze` is the stage `compare analyze` runs."""


def __getattr__(name: str):
    # numpy, scikit-learn and the model load on first use, not on `import compare.analyze.labels`
    if name == "analyze":
        from compare.analyze.stage import analyze

        return analyze
    raise AttributeError(name)
