"""How diabetes.csv and diabetes.json were made (run once; not published to learners).

The data are scikit-learn's bundled diabetes data set (Efron et al., 2004, "Least Angle
Regression"), in original units (`scaled=False`): 442 patients, and a quantitative measure
of disease progression one year after baseline. We keep four of the ten features.
"""

import json
from pathlib import Path

import numpy as np
from sklearn.datasets import load_diabetes

FEATURES = ["age", "bmi", "bp", "s5"]
HERE = Path(__file__).parent

data = load_diabetes(scaled=False)
columns = [data.feature_names.index(name) for name in FEATURES]
table = np.column_stack([data.data[:, columns], data.target])
np.savetxt(
    HERE / "diabetes.csv", table, delimiter=",", fmt="%.10g",
    header=",".join([*FEATURES, "progression"]), comments="",
)
(HERE / "diabetes.json").write_text(json.dumps({
    "source": "scikit-learn load_diabetes(scaled=False); Efron, Hastie, Johnstone and "
    "Tibshirani (2004), Least Angle Regression, Annals of Statistics",
    "features": FEATURES,
    "descriptions": {
        "age": "age in years",
        "bmi": "body mass index",
        "bp": "average blood pressure",
        "s5": "ltg, possibly log of serum triglycerides level",
    },
    "target": "progression: a quantitative measure of disease progression one year after baseline",
    "rows": int(len(table)),
}, indent=2) + "\n")
