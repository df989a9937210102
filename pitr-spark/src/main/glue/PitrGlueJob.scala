// The script of an AWS Glue (Spark, Scala) job that runs pitr-spark. Upload it and
// target/pitr-spark-cluster.jar to S3, then create the job with this script as its location,
// --class PitrGlueJob, --extra-jars s3://.../pitr-spark-cluster.jar and the one job parameter
// --pitr "restore --table orders --export s3://... --export s3://... --max-wcu 20000".
// See README.md, "Scale out on Spark".
import dev.pitr.spark.PitrSparkMain

object PitrGlueJob {
  def main(args: Array[String]): Unit = {
    val code = PitrSparkMain.glue(args: _*)
    if (code != 0) {
      throw new IllegalStateException(s"pitr-spark ended with exit code $code (2: refused, nothing written;"
        + " 1: stopped, run the job again to finish); its log says why")
    }
  }
}
