package dev.tracegen.io;

import java.util.List;
import org.apache.beam.sdk.extensions.gcp.options.GcsOptions;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.aws2.options.S3ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.aws2.s3.DefaultS3ClientBuilderFactory;
import org.apache.beam.sdk.io.hdfs.HadoopFileSystemOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * The object stores a run reads and writes through Beam's {@link FileSystems}: {@code s3://}
 * (Beam's {@code amazon-web-services2} IO; credentials and region from AWS's default provider
 * chains or {@code --awsRegion}, {@code --awsCredentialsProvider}, an S3-compatible store at
 * {@code --endpoint}), {@code hdfs://} (Beam's Hadoop file system; the cluster from {@code
 * --hdfsConfiguration} or the {@code core-site.xml} and {@code hdfs-site.xml} in {@code
 * HADOOP_CONF_DIR}: without either, no {@code hdfs} scheme is registered) and {@code gs://}
 * (Beam's GCP core; application-default credentials) next to local files. {@link #register} makes
 * them known to this JVM before the driver touches a path; workers get the same options with the
 * pipeline.
 */
public final class ObjectStores {
  /** The options of the object stores, for commands that take no others (stats, export). */
  public static final List<Class<? extends PipelineOptions>> OPTIONS =
      List.of(S3Options.class, HadoopFileSystemOptions.class, GcsOptions.class);

  private ObjectStores() {}

  /**
   * Registers the file systems for {@code options}, with S3 clients that address an S3-compatible
   * {@code --endpoint} path-style unless the user chose another client factory. {@code
   * regionGiven}: {@code --awsRegion} was on the command line. Otherwise the region is left to the
   * S3 client, which looks it up (AWS's default chain) when it is first built: Beam's own default
   * looks it up whenever the file systems are registered, at every pipeline, and on a machine with
   * no region configured the chain's last step (the EC2 metadata endpoint) costs most of a second.
   */
  public static void register(PipelineOptions options, boolean regionGiven) {
    S3Options s3 = options.as(S3Options.class);
    if (DefaultS3ClientBuilderFactory.class.equals(s3.getS3ClientFactoryClass())) {
      // First registration of these options (a later one keeps what this one set).
      s3.setS3ClientFactoryClass(PathStyleAtEndpoint.class);
      if (!regionGiven) {
        s3.setAwsRegion(null);
      }
    }
    FileSystems.setDefaultPipelineOptions(options);
  }

  /**
   * Beam's S3 client; at an S3-compatible {@code --endpoint} (MinIO, Ceph, s3proxy) path-style, as
   * virtual-host names like {@code bucket.127.0.0.1} do not resolve; with unchunked payloads, as
   * s3proxy refuses the SDK's {@code aws-chunked} signatures; and without the bucket-key header
   * when it says {@code false}: Beam always sends it, it then asks for nothing (false is the
   * default), and stores without server-side encryption refuse any header they do not know.
   */
  public static final class PathStyleAtEndpoint implements S3ClientBuilderFactory {
    private final DefaultS3ClientBuilderFactory defaults = new DefaultS3ClientBuilderFactory();

    @Override
    public S3ClientBuilder createBuilder(S3Options options) {
      S3ClientBuilder b = defaults.createBuilder(options);
      if (options.getEndpoint() == null) {
        return b;
      }
      ClientOverrideConfiguration.Builder c = b.overrideConfiguration() == null
          ? ClientOverrideConfiguration.builder() : b.overrideConfiguration().toBuilder();
      return b.serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true)
              .chunkedEncodingEnabled(false).build())
          .overrideConfiguration(c.addExecutionInterceptor(new NoDefaultBucketKey()).build());
    }
  }

  /** Drops {@code x-amz-server-side-encryption-bucket-key-enabled: false} (before the request is signed). */
  static final class NoDefaultBucketKey implements ExecutionInterceptor {
    static final String HEADER = "x-amz-server-side-encryption-bucket-key-enabled";

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
      SdkHttpRequest r = context.httpRequest();
      return r.firstMatchingHeader(HEADER).filter("false"::equalsIgnoreCase).isPresent()
          ? r.toBuilder().removeHeader(HEADER).build() : r;
    }
  }
}
