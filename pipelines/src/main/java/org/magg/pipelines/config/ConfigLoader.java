package org.magg.pipelines.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.magg.core.ConfigException;
import org.magg.core.Json;
import org.magg.core.YamlBinding;
import org.magg.io.s3.S3Settings;
import org.magg.io.storage.Storage;

/**
 * Loads pipeline configs from YAML files or by built-in name, parses them into records and
 * validates them. Every error is a {@link ConfigException} naming the field.
 */
public final class ConfigLoader {
  /** Names of the configs shipped inside the jar (from the project's {@code configs/}). */
  public static final List<String> BUILTIN_NAMES = List.of("atl06", "atl06_csv", "merra2_storm");

  private static final String BUILTIN_DIR = "/org/magg/configs/";

  private ConfigLoader() {}

  /** Loads and validates a config file. */
  public static PipelineConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException("", "config file " + file + " does not exist");
    } catch (IOException e) {
      throw new ConfigException("", "cannot read config file " + file + ": " + e.getMessage(), e);
    }
    return parse(text, file.toString());
  }

  /** Loads and validates a built-in config by name (for example {@code atl06}). */
  public static PipelineConfig builtin(String name) {
    return parse(builtinText(name), "builtin:" + name);
  }

  /** The YAML text of a built-in config. */
  public static String builtinText(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    try (InputStream in = ConfigLoader.class.getResourceAsStream(BUILTIN_DIR + key + ".yaml")) {
      if (in == null || !BUILTIN_NAMES.contains(key)) {
        throw new ConfigException(
            "",
            "no built-in config named '"
                + name
                + "' (built-in: "
                + String.join(", ", BUILTIN_NAMES)
                + ")");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Loads a spatial config from a file when {@code fileOrName} names an existing file, from S3
   * (with the AWS defaults) for {@code s3://bucket/key}, else as a built-in config name.
   */
  public static PipelineConfig loadFileOrName(String fileOrName) {
    return loadFileOrName(fileOrName, Storage.isS3(fileOrName) ? S3Settings.defaults() : null);
  }

  /**
   * Like {@link #loadFileOrName(String)}; {@code s3://bucket/key} configs are reached with {@code
   * s3} (the command line's S3 options: the config's own {@code s3:} section is not known before it
   * is read).
   */
  public static PipelineConfig loadFileOrName(String fileOrName, S3Settings s3) {
    String[] textAndOrigin = readFileOrName(fileOrName, s3);
    return parse(textAndOrigin[0], textAndOrigin[1]);
  }

  /**
   * Parses and validates the YAML text of a spatial pipeline config; {@code origin} names its
   * source in messages. A temporal config is refused, naming {@link #parseAny}.
   */
  public static PipelineConfig parse(String yamlText, String origin) {
    MaggConfig c = parseAny(yamlText, origin);
    if (c instanceof PipelineConfig p) {
      return p;
    }
    throw new ConfigException(
        "pipeline.type",
        "config "
            + origin
            + " is a "
            + c.type().yamlName()
            + " pipeline, not a spatial one (run it with `magg run --config ... --events ...`)");
  }

  /** Loads a temporal config from a file, S3 or by built-in name. */
  public static TemporalConfig loadTemporal(String fileOrName, S3Settings s3) {
    MaggConfig c = loadAny(fileOrName, s3);
    if (c instanceof TemporalConfig t) {
      return t;
    }
    throw new ConfigException(
        "pipeline.type",
        "config " + c.origin() + " is a " + c.type().yamlName() + " pipeline, not a temporal one");
  }

  /** Loads an event config from a file, S3 or by built-in name. */
  public static EventConfig loadEvent(String fileOrName, S3Settings s3) {
    MaggConfig c = loadAny(fileOrName, s3);
    if (c instanceof EventConfig e) {
      return e;
    }
    throw new ConfigException(
        "pipeline.type",
        "config " + c.origin() + " is a " + c.type().yamlName() + " pipeline, not an event one");
  }

  /** Loads an engine config from a file or S3. */
  public static EngineConfig loadEngine(String fileOrName, S3Settings s3) {
    MaggConfig c = loadAny(fileOrName, s3);
    if (c instanceof EngineConfig e) {
      return e;
    }
    throw new ConfigException(
        "pipeline.type",
        "config " + c.origin() + " is a " + c.type().yamlName() + " pipeline, not an engine one");
  }

  /**
   * Loads any config (spatial, temporal, event or engine) from a file, S3 (with {@code s3}) or by
   * name.
   */
  public static MaggConfig loadAny(String fileOrName, S3Settings s3) {
    String[] textAndOrigin = readFileOrName(fileOrName, s3);
    return parseAny(textAndOrigin[0], textAndOrigin[1]);
  }

  /** Parses and validates YAML text of any pipeline type. */
  public static MaggConfig parseAny(String yamlText, String origin) {
    JsonNode tree;
    try {
      tree = Json.yaml().readTree(yamlText);
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          "", "config " + origin + " is not valid YAML: " + Json.problem(e), e);
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      throw new ConfigException("", "config " + origin + " is empty");
    }
    PipelineSection pipeline = YamlBinding.bind(tree, Head.class).pipeline();
    String typeName = pipeline == null || pipeline.type() == null ? "spatial" : pipeline.type();
    PipelineType type = PipelineType.parse("pipeline.type", typeName);
    if (type == PipelineType.TEMPORAL) {
      return TemporalConfigParser.parse(tree, origin);
    }
    if (type == PipelineType.EVENT) {
      return EventConfigParser.parse(tree, origin);
    }
    if (type == PipelineType.ENGINE) {
      return EngineConfigParser.parse(tree, origin);
    }
    PipelineConfig config = SpatialConfigParser.parse(tree, type, origin);
    ConfigValidator.validate(config);
    return config;
  }

  /** The {@code pipeline:} section of every config; its type says how the rest is read. */
  record PipelineSection(String type, JsonNode name, JsonNode description) {}

  /** A config's {@code pipeline:} section alone, read before the rest. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Head(PipelineSection pipeline) {}

  private static String[] readFileOrName(String fileOrName, S3Settings s3) {
    if (Storage.isS3(fileOrName)) {
      try {
        return new String[] {Storage.of(s3).readText(fileOrName), fileOrName};
      } catch (IllegalArgumentException e) {
        throw new ConfigException("", "config location " + e.getMessage());
      } catch (NoSuchFileException e) {
        throw new ConfigException("", "config file " + fileOrName + " does not exist");
      } catch (IOException e) {
        throw new ConfigException("", "cannot read the config: " + e.getMessage(), e);
      }
    }
    Path p = Path.of(fileOrName);
    if (Files.isRegularFile(p)) {
      try {
        return new String[] {Files.readString(p, StandardCharsets.UTF_8), p.toString()};
      } catch (IOException e) {
        throw new ConfigException("", "cannot read config file " + p + ": " + e.getMessage(), e);
      }
    }
    if (fileOrName.endsWith(".yaml") || fileOrName.endsWith(".yml") || fileOrName.contains("/")) {
      throw new ConfigException("", "config file " + fileOrName + " does not exist");
    }
    return new String[] {builtinText(fileOrName), "builtin:" + fileOrName};
  }
}
