package dev.parapet.gcp;

import com.google.cloud.functions.invoker.runner.Invoker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
import java.util.Map;

/**
 * A function served by the real Functions Framework invoker in its own JVM, as the Cloud Functions runtime serves
 * it: {@code java -jar java-function-invoker.jar --classpath FUNCTION --target CLASS --port PORT}. stdout (the
 * function's structured log) is kept in a file.
 */
final class FunctionProcess implements AutoCloseable {
    private final Process process;
    final int port;
    final Path log;

    private FunctionProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Tests: the build's classes and dependencies, C1 only (faster start for short runs). */
    static FunctionProcess start(Class<?> target, Map<String, String> env, Path dir) throws Exception {
        return start(target, env, dir, functionClasspath(), List.of("-XX:TieredStopAtLevel=1"));
    }

    /** @param classpath what the runtime loads: the build's classes, or the deployable jar */
    static FunctionProcess start(Class<?> target, Map<String, String> env, Path dir, String classpath,
                                 List<String> jvmOptions) throws Exception {
        int port = freePort();
        Path log = dir.resolve(target.getSimpleName() + "-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", invokerJar(),
                "--classpath", classpath, "--target", target.getName(), "--port", Integer.toString(port)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        FunctionProcess fp = new FunctionProcess(builder.start(), port, log);
        fp.awaitPort(Duration.ofSeconds(30));
        return fp;
    }

    String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    /** Posts a binary-mode CloudEvent as Eventarc delivers a Pub/Sub message; returns the HTTP status. */
    int deliver(Map<String, String> ceHeaders, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url()))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        ceHeaders.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitPort(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("invoker exited with " + process.exitValue() + ":\n" + logText());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("invoker did not listen on " + port + " within " + timeout + ":\n" + logText());
    }

    @Override
    public void close() {
        stop(process);
    }

    /** Stops a process this test started, with its children (launcher scripts start a JVM of their own). */
    static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String invokerJar() throws Exception {
        return Path.of(Invoker.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** target/classes and the runtime dependencies, as Maven resolved them (function-classpath.txt). */
    static String functionClasspath() throws IOException {
        Path target = Path.of("target");
        String deps = Files.readString(target.resolve("function-classpath.txt")).trim();
        return target.resolve("classes").toAbsolutePath() + java.io.File.pathSeparator + deps;
    }
}
