"""Register a model in Unity Catalog and promote a challenger to champion with aliases."""
import mlflow
from mlflow import MlflowClient

mlflow.set_registry_uri("databricks-uc")
client = MlflowClient()
name = "main.ml.churn_classifier"

run_id = "<a run id from 01_tracking.py>"
version = mlflow.register_model(f"runs:/{run_id}/model", name)

client.set_registered_model_alias(name, "challenger", version.version)
client.set_model_version_tag(name, version.version, "validation_status", "pending")

champion = client.get_model_version_by_alias(name, "champion")
print("current champion:", champion.version)

# After validation passes, the challenger becomes the champion; consumers load by alias.
client.set_registered_model_alias(name, "champion", version.version)
client.delete_registered_model_alias(name, "challenger")
model = mlflow.pyfunc.load_model(f"models:/{name}@champion")
