"""Batch inference on Spark: a pandas UDF that loads the model once per batch stream, or spark_udf."""
from typing import Iterator

import mlflow
import pandas as pd
from pyspark.sql.functions import pandas_udf, struct

MODEL_URI = "models:/main.ml.churn_classifier@champion"
features = spark.read.table("main.demo.customers_to_score")


@pandas_udf("double")
def predict(batches: Iterator[pd.DataFrame]) -> Iterator[pd.Series]:
    model = mlflow.pyfunc.load_model(MODEL_URI)  # once per task, not once per batch
    for batch in batches:
        yield pd.Series(model.predict(batch))


scored = features.withColumn("churn_score", predict(struct(*features.columns)))

# The same with MLflow's helper:
score_udf = mlflow.pyfunc.spark_udf(spark, MODEL_URI, result_type="double")
scored2 = features.withColumn("churn_score", score_udf(struct(*features.columns)))
scored2.write.mode("overwrite").saveAsTable("main.demo.churn_scores")
