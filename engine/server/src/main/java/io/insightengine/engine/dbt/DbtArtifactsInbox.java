package io.insightengine.engine.dbt;

import io.insightengine.api.dbt.DbtArtifactException;
import io.insightengine.api.dbt.DbtManifestReader;
import io.insightengine.api.dbt.DbtProject;
import io.insightengine.api.dbt.SemanticCompiler;
import io.insightengine.api.manifest.BundleDirectory;
import io.insightengine.engine.db.Databases;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.io.input.CloseShieldInputStream;
import org.apache.commons.io.input.TeeInputStream;

/**
 * dbt artifacts that DbtRun jobs deliver after a successful run, kept in the app database per
 * project and DbtRun (so every replica, and the engine after a restart, serves the latest run). A
 * delivery is compiled at once, so a manifest that cannot be served is refused with the reason
 * instead of breaking the next reload; SemanticModels naming the DbtRun in {@code
 * spec.dbt.dbtRunRef} are then compiled from it at the next bundle check.
 */
@ApplicationScoped
public class DbtArtifactsInbox {
  private final Databases databases;
  private final DbtManifestReader reader = new DbtManifestReader();
  private final SemanticCompiler compiler = new SemanticCompiler();

  public DbtArtifactsInbox(Databases databases) {
    this.databases = databases;
  }

  /** What a delivery compiled to. */
  public record Received(
      String project,
      String dbtRun,
      String dbtProject,
      String revision,
      int models,
      int metrics,
      List<String> warnings,
      String receivedAt) {}

  /**
   * Compiles and keeps the manifest read from {@code manifest}, as it arrives: the reader parses it
   * while a gzipped copy (about a tenth of its size) is made for the app database, so the manifest
   * is never held as sent, neither as bytes nor as text.
   */
  public Received receive(String project, String dbtRun, InputStream manifest)
      throws DbtArtifactException, IOException {
    ByteArrayOutputStream stored = new ByteArrayOutputStream();
    DbtProject dbt;
    try (GZIPOutputStream gz = new GZIPOutputStream(stored)) {
      TeeInputStream tee = new TeeInputStream(manifest, gz);
      // Shielded: the JSON parser closes what it reads, and what follows the JSON is still read.
      dbt = reader.read(CloseShieldInputStream.wrap(tee), null, "manifest.json");
      tee.transferTo(OutputStream.nullOutputStream());
    }
    SemanticCompiler.Result result = compiler.compile(dbt, List.of());
    try (Connection c = databases.app().getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "insert into dbt_artifacts (project, dbt_run, revision, manifest_gz)"
                    + " values (?, ?, ?, ?) returning received_at")) {
      st.setString(1, project);
      st.setString(2, dbtRun);
      st.setString(3, result.revision());
      st.setBytes(4, stored.toByteArray());
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return new Received(
            project,
            dbtRun,
            dbt.name(),
            result.revision(),
            result.spec().getModels().size(),
            result.spec().getMetrics().size(),
            result.warnings(),
            rs.getTimestamp(1).toInstant().toString());
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store the delivered dbt artifacts", e);
    }
  }

  /** The latest delivery's manifest for a project's DbtRun. */
  public Optional<Delivered> latest(String project, String dbtRun) {
    try (Connection c = databases.app().getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "select id, revision, manifest_gz, received_at from dbt_artifacts"
                    + " where project = ? and dbt_run = ? order by id desc limit 1")) {
      st.setString(1, project);
      st.setString(2, dbtRun);
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Delivered(
                rs.getLong(1),
                rs.getString(2),
                BundleDirectory.gunzip(rs.getBytes(3)).getBytes(StandardCharsets.UTF_8),
                rs.getTimestamp(4).toInstant().toString()));
      }
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("cannot read delivered dbt artifacts", e);
    }
  }

  /** A stored delivery. */
  public record Delivered(long id, String revision, byte[] manifest, String receivedAt) {}

  /** Changes with every delivery: the bundle check compares it to see new artifacts. */
  public long lastDeliveryId() {
    try (Connection c = databases.app().getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select coalesce(max(id), 0) from dbt_artifacts")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read delivered dbt artifacts", e);
    }
  }
}
