"""Tune a single-node model with Hyperopt; SparkTrials runs trials in parallel on the cluster."""
import mlflow
from hyperopt import STATUS_OK, SparkTrials, Trials, fmin, hp, space_eval, tpe
from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.model_selection import cross_val_score

X, y = load_breast_cancer(return_X_y=True)

space = {
    "learning_rate": hp.loguniform("learning_rate", -5, 0),
    "max_depth": hp.choice("max_depth", [2, 3, 4, 5]),
    "n_estimators": hp.quniform("n_estimators", 50, 400, 50),
}


def objective(p):
    clf = GradientBoostingClassifier(learning_rate=p["learning_rate"], max_depth=p["max_depth"], n_estimators=int(p["n_estimators"]))
    score = cross_val_score(clf, X, y, cv=3, scoring="roc_auc").mean()
    return {"loss": -score, "status": STATUS_OK}


trials = SparkTrials(parallelism=4)  # single-node learner: parallel trials across the cluster
with mlflow.start_run(run_name="hyperopt-gbt"):
    best = fmin(fn=objective, space=space, algo=tpe.suggest, max_evals=32, trials=trials)

print("best (hp.choice gives an index):", best)
print("best values:", space_eval(space, best))
