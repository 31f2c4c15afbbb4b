package io.insightengine.api.v1alpha1.dbt;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.insightengine.api.v1alpha1.common.SecretReference;

/** Where a dbt project's files come from: exactly one of git or image. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.git) != has(self.image)",
    message = "set exactly one of source.git or source.image")
public class DbtProjectSource {
  @JsonPropertyDescription("Clone the project from a git repository in an init container.")
  private GitSource git;

  @JsonPropertyDescription("Run an image that contains the project and dbt.")
  private ImageSource image;

  /** A git checkout. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class GitSource {
    @Required
    @Size(min = 1, max = 2048)
    @Pattern("^(https://|ssh://|git@).+")
    @JsonPropertyDescription("Repository URL (https, ssh:// or git@host:path).")
    private String url;

    @Size(max = 253)
    @Default("main")
    @JsonPropertyDescription("Branch, tag or commit to check out. Default: main.")
    private String revision;

    @Size(max = 1024)
    @Pattern("^[^/].*$")
    @JsonPropertyDescription("Folder of the dbt project (with dbt_project.yml) in the repository.")
    private String path;

    @JsonPropertyDescription(
        "Secret with username and password (a token) for https, or ssh-privatekey for ssh.")
    private SecretReference credentialsSecret;

    public String getUrl() {
      return url;
    }

    public void setUrl(String url) {
      this.url = url;
    }

    public String getRevision() {
      return revision;
    }

    public void setRevision(String revision) {
      this.revision = revision;
    }

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }

    public SecretReference getCredentialsSecret() {
      return credentialsSecret;
    }

    public void setCredentialsSecret(SecretReference credentialsSecret) {
      this.credentialsSecret = credentialsSecret;
    }
  }

  /** An image with the dbt project baked in. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ImageSource {
    @Required
    @Size(min = 1, max = 512)
    @JsonPropertyDescription("Image reference, e.g. registry.example.com/analytics/dbt:1.4.2.")
    private String name;

    @Size(max = 1024)
    @Default("/usr/app")
    @JsonPropertyDescription("Folder of the dbt project inside the image. Default: /usr/app.")
    private String projectDir;

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getProjectDir() {
      return projectDir;
    }

    public void setProjectDir(String projectDir) {
      this.projectDir = projectDir;
    }
  }

  public GitSource getGit() {
    return git;
  }

  public void setGit(GitSource git) {
    this.git = git;
  }

  public ImageSource getImage() {
    return image;
  }

  public void setImage(ImageSource image) {
    this.image = image;
  }
}
