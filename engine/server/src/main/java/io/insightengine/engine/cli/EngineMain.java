package io.insightengine.engine.cli;

import io.insightengine.api.dbt.CompileSemanticModelCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * The engine jar's entry point. Without arguments it serves the config directory; the first
 * argument may name a tool instead:
 *
 * <ul>
 *   <li>{@code compile-semantic-model ...}: dbt artifacts to a SemanticModel manifest, then exit;
 *   <li>{@code serve-dbt ...}: a dbt project's target/ and a warehouse to a config directory, then
 *       serve it.
 * </ul>
 *
 * Tools run before Quarkus starts, so they take a fraction of a second.
 */
@QuarkusMain
public final class EngineMain {
  private EngineMain() {}

  public static void main(String... args) {
    String tool = args.length > 0 ? args[0] : "";
    String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
    switch (tool) {
      case "compile-semantic-model" -> System.exit(CompileSemanticModelCommand.run(rest));
      case "serve-dbt" -> {
        ServeDbtCommand command = new ServeDbtCommand();
        int exit = new CommandLine(command).execute(rest);
        if (exit != 0 || command.writeOnly || command.helpOrVersion()) {
          System.exit(exit);
        }
        command.serveSettings().forEach(System::setProperty);
        Quarkus.run();
      }
      default -> Quarkus.run(args);
    }
  }
}
