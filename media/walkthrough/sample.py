# Hover any API call below for its exam note.
import mlflow
from mlflow import MlflowClient
from pyspark.ml.tuning import CrossValidator, ParamGridBuilder

with mlflow.start_run() as run:
    mlflow.log_param("max_depth", 6)
    mlflow.log_metric("rmse", 0.41)

client = MlflowClient()
client.set_registered_model_alias("main.ml.churn", "champion", "3")
model = mlflow.pyfunc.load_model("models:/main.ml.churn@champion")
