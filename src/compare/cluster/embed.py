"""What an embedding actor does: load the model once, on its GPU where it has one, then
encode chunks of texts exactly as `Embedder.encode_raw` does on one machine (the same
batches, so the same vectors on a CPU)."""

from __future__ import annotations

import numpy as np

from compare.analyze.embeddings import Embedder


class Encoder:
    """An embedding actor: the model loaded once, on the actor's GPU where it has one, else
    on the CPUs Ray gave it."""

    def __init__(self, model: str | None, threads: int):
        import torch

        if threads:
            torch.set_num_threads(threads)
        self.embedder = Embedder(model, device="cuda" if torch.cuda.is_available() else "cpu")

    def encode(self, texts: list[str]) -> np.ndarray:
        """The texts' vectors (float32, normalised), as `Embedder.encode_raw` gives them."""
        return self.embedder.encode_raw(texts)
