"""A Spark ML pipeline tuned with CrossValidator (hover Pipeline, CrossValidator, bestModel...)."""
from pyspark.ml import Pipeline
from pyspark.ml.classification import LogisticRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator
from pyspark.ml.feature import Imputer, OneHotEncoder, StringIndexer, VectorAssembler
from pyspark.ml.tuning import CrossValidator, ParamGridBuilder

df = spark.read.table("main.demo.customers")
train, test = df.randomSplit([0.8, 0.2], seed=42)

imputer = Imputer(inputCols=["tenure", "monthly_charges"], outputCols=["tenure_i", "monthly_charges_i"], strategy="median")
indexer = StringIndexer(inputCol="contract", outputCol="contract_idx", handleInvalid="keep")
encoder = OneHotEncoder(inputCols=["contract_idx"], outputCols=["contract_ohe"])
assembler = VectorAssembler(inputCols=["tenure_i", "monthly_charges_i", "contract_ohe"], outputCol="features")
lr = LogisticRegression(featuresCol="features", labelCol="churned")

pipeline = Pipeline(stages=[imputer, indexer, encoder, assembler, lr])
grid = ParamGridBuilder().addGrid(lr.regParam, [0.01, 0.1, 1.0]).addGrid(lr.elasticNetParam, [0.0, 0.5]).build()
evaluator = BinaryClassificationEvaluator(labelCol="churned", metricName="areaUnderROC")

cv = CrossValidator(estimator=pipeline, estimatorParamMaps=grid, evaluator=evaluator, numFolds=3, parallelism=4, seed=7)
cv_model = cv.fit(train)  # 6 settings x 3 folds = 18 fits, then one refit of the best on all of train

print("mean AUC per setting:", cv_model.avgMetrics)
print("test AUC:", evaluator.evaluate(cv_model.bestModel.transform(test)))
