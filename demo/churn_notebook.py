# Databricks notebook source
# MAGIC %md
# MAGIC # Churn features in Unity Catalog
# MAGIC Hover `FeatureEngineeringClient` and its methods for the exam notes.

# COMMAND ----------

import mlflow
from databricks.feature_engineering import FeatureEngineeringClient, FeatureLookup

fe = FeatureEngineeringClient()

# COMMAND ----------

customer_features = spark.read.table("main.demo.customer_features_raw")
dbutils.data.summarize(customer_features)
customer_features.summary().show()

# COMMAND ----------

fe.create_table(name="main.demo.customer_features", primary_keys=["customer_id"], df=customer_features, description="Churn features")

# COMMAND ----------

lookups = [FeatureLookup(table_name="main.demo.customer_features", lookup_key="customer_id")]
labels = spark.read.table("main.demo.churn_labels")
training_set = fe.create_training_set(df=labels, feature_lookups=lookups, label="churned", exclude_columns=["customer_id"])
training_df = training_set.load_df().toPandas()
