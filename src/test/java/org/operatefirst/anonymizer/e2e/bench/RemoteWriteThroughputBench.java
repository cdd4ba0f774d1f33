package org.operatefirst.anonymizer.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operatefirst.anonymizer.publisher.cli.Service;
import org.xerial.snappy.Snappy;

/**
 * A load generator, not a test: the remote_write receiver of a whole service (embedded broker, publisher topology
 * running beside it) fed by concurrent senders of Prometheus-sized requests, each answered only after the broker
 * acknowledged all its records. Prints samples per second; asserts only that every request was answered 204.
 * Not picked up by {@code verify} (no {@code IT} or {@code Test} suffix); run it as docs/benchmarks.md says.
 *
 * <p>System properties: {@code bench.senders} (default 4), {@code bench.series} per request (2000, Prometheus'
 * {@code max_samples_per_send} default, one sample each), {@code bench.warmup} and {@code bench.seconds}
 * (10 and 30).
 */
class RemoteWriteThroughputBench {

    private static final int SENDERS = Integer.getInteger("bench.senders", 4);
    private static final int SERIES = Integer.getInteger("bench.series", 2000);
    private static final int WARMUP_SECONDS = Integer.getInteger("bench.warmup", 10);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    private static final int DISTINCT_BODIES = 64;

    @Test
    void remoteWriteSamplesPerSecond(@TempDir final Path work) throws Exception {
        try (Service service = Service.start(Map.of(
                "anonymizer.embedded-broker.mode", "always",
                "anonymizer.embedded-broker.port", 0,
                "anonymizer.data-dir", work.toString(),
                "micronaut.server.port", -1))) {
            final URI url = service.httpServer().orElseThrow().getURI().resolve("/api/v1/write");
            final List<byte[]> bodies = new ArrayList<>();
            for (int i = 0; i < DISTINCT_BODIES; i++) {
                bodies.add(body(i, System.currentTimeMillis()));
            }
            run(url, bodies, WARMUP_SECONDS);
            final long start = System.nanoTime();
            final long requests = run(url, bodies, SECONDS);
            final double seconds = (System.nanoTime() - start) / 1e9;
            final String result = String.format(Locale.ROOT,
                    "remote_write: %d requests of %d samples in %.1f s with %d senders: %.0f samples/s "
                            + "(%.1f requests/s), %d cores%n", requests, SERIES, seconds, SENDERS,
                    requests * SERIES / seconds, requests / seconds, Runtime.getRuntime().availableProcessors());
            System.out.print(result);
            Files.writeString(Path.of("target", "remote-write-throughput.txt"), result);
        }
    }

    private static long run(final URI url, final List<byte[]> bodies, final int seconds) throws Exception {
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        final long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        final AtomicLong requests = new AtomicLong();
        final ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
        final List<Future<?>> senders = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            final int offset = s;
            senders.add(pool.submit(() -> {
                int next = offset;
                while (System.nanoTime() < deadline) {
                    final HttpRequest request = HttpRequest.newBuilder(url)
                            .header("Content-Type", "application/x-protobuf")
                            .header("Content-Encoding", "snappy")
                            .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(next++ % bodies.size())))
                            .build();
                    final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
                    requests.incrementAndGet();
                }
                return null;
            }));
        }
        for (final Future<?> sender : senders) {
            sender.get();
        }
        pool.shutdown();
        return requests.get();
    }

    /** A WriteRequest like node_exporter's series: {@value #SERIES} series with one sample each, snappy. */
    private static byte[] body(final int variant, final long timestamp) {
        final ByteArrayOutputStream request = new ByteArrayOutputStream();
        for (int i = 0; i < SERIES; i++) {
            final ByteArrayOutputStream series = new ByteArrayOutputStream();
            label(series, "__name__", "node_cpu_seconds_total");
            label(series, "cpu", Integer.toString(i % 64));
            label(series, "instance", "192.0.2." + (i / 64 % 250) + ":9100");
            label(series, "job", "node");
            label(series, "mode", "idle" + variant);
            final ByteArrayOutputStream sample = new ByteArrayOutputStream();
            sample.write(0x09);
            final long bits = Double.doubleToRawLongBits(12345.67 + i);
            for (int b = 0; b < 8; b++) {
                sample.write((int) (bits >>> (8 * b)) & 0xff);
            }
            sample.write(0x10);
            varint(sample, timestamp);
            field(series, 2, sample.toByteArray());
            field(request, 1, series.toByteArray());
        }
        try {
            return Snappy.compress(request.toByteArray());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void label(final ByteArrayOutputStream series, final String name, final String value) {
        final ByteArrayOutputStream label = new ByteArrayOutputStream();
        field(label, 1, name.getBytes(StandardCharsets.UTF_8));
        field(label, 2, value.getBytes(StandardCharsets.UTF_8));
        field(series, 1, label.toByteArray());
    }

    private static void field(final ByteArrayOutputStream out, final int number, final byte[] bytes) {
        varint(out, (long) number << 3 | 2);
        varint(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void varint(final ByteArrayOutputStream out, final long value) {
        long v = value;
        while ((v & ~0x7fL) != 0) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }
}
