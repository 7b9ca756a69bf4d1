"""Train a churn classifier and track it with MLflow (hover any mlflow call for its exam note)."""
import mlflow
import mlflow.sklearn
import pandas as pd
from mlflow.models import infer_signature
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import train_test_split

mlflow.set_experiment("/Shared/churn-demo")

df = pd.read_csv("churn.csv")
X = df.drop(columns=["churned"])
y = df["churned"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42, stratify=y)

params = {"n_estimators": 200, "max_depth": 8, "class_weight": "balanced"}

with mlflow.start_run(run_name="rf-baseline") as run:
    mlflow.log_params(params)
    model = RandomForestClassifier(**params).fit(X_train, y_train)
    proba = model.predict_proba(X_test)[:, 1]
    mlflow.log_metric("f1", f1_score(y_test, proba > 0.5))
    mlflow.log_metric("roc_auc", roc_auc_score(y_test, proba))
    signature = infer_signature(X_test, model.predict(X_test))
    mlflow.sklearn.log_model(model, name="model", signature=signature, input_example=X_test.head(3))
    print("run id:", run.info.run_id)

# Compare runs: the best F1 first.
best = mlflow.search_runs(order_by=["metrics.f1 DESC"], max_results=1)
print(best[["run_id", "metrics.f1"]])
