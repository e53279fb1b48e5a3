package dev.bulwark.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** How the application is built. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BuildSpec {
  /** Who runs the build. */
  public enum Ci {
    /** A Tekton pipeline of Bulwark's, triggered by pushes to the branch. */
    @JsonProperty("tekton")
    TEKTON,
    /** The tenant's own CI, which pushes with a registry robot account and calls promotion. */
    @JsonProperty("external")
    EXTERNAL
  }

  @Default("tekton")
  @JsonPropertyDescription(
      "Who builds: tekton (a Tekton pipeline in the tenant's CI namespace, triggered by pushes to branch) or external (no pipeline; the tenant's CI pushes with the tenant's registry robot account and calls bulwark promote).")
  private Ci ci = Ci.TEKTON;

  @JsonPropertyDescription(
      "Git repository of the source code. Defaults to spec.source.repoURL (code and manifests in one repository).")
  private String repoURL;

  @Default("main")
  @Pattern("^[A-Za-z0-9._/-]+$")
  @JsonPropertyDescription(
      "Branch whose pushes start the pipeline; pushes to other branches are ignored.")
  private String branch = "main";

  @Default(".")
  @JsonPropertyDescription("Build context: a directory of the repository, relative to its root.")
  private String context = ".";

  @Default("Dockerfile")
  @JsonPropertyDescription("Path of the Dockerfile, relative to the build context.")
  private String dockerfile = "Dockerfile";

  @JsonPropertyDescription(
      "Shell command that runs the tests in the build context, for example go test ./...; without it the pipeline has no test stage.")
  private String testCommand;

  @JsonPropertyDescription(
      "Container image the test command runs in, for example golang:1.23; required with testCommand.")
  private String testImage;

  public Ci getCi() {
    return ci;
  }

  public void setCi(Ci ci) {
    this.ci = ci;
  }

  public String getRepoURL() {
    return repoURL;
  }

  public void setRepoURL(String repoURL) {
    this.repoURL = repoURL;
  }

  public String getBranch() {
    return branch;
  }

  public void setBranch(String branch) {
    this.branch = branch;
  }

  public String getContext() {
    return context;
  }

  public void setContext(String context) {
    this.context = context;
  }

  public String getDockerfile() {
    return dockerfile;
  }

  public void setDockerfile(String dockerfile) {
    this.dockerfile = dockerfile;
  }

  public String getTestCommand() {
    return testCommand;
  }

  public void setTestCommand(String testCommand) {
    this.testCommand = testCommand;
  }

  public String getTestImage() {
    return testImage;
  }

  public void setTestImage(String testImage) {
    this.testImage = testImage;
  }
}
