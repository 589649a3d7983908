package dev.vodauth.operation;

import com.aliyuncs.RpcAcsRequest;
import com.aliyuncs.vod.model.v20170321.CreateUploadVideoRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.answer.Answer;
import dev.vodauth.answer.ErrorKind;
import dev.vodauth.auth.Caller;
import dev.vodauth.config.Config;
import dev.vodauth.request.Checked;
import dev.vodauth.request.Parameters;
import dev.vodauth.vod.VodCall;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * create-upload: {@code CreateUploadVideo}, a new video in the Uploading state with its first
 * upload credential. The caller sets what describes its file; the deployment sets where it goes
 * and what VOD does with it ({@code VOD_UPLOAD_*}). With caller tokens the token's subject is
 * recorded in the video's {@code UserData.Extend} (VOD echoes it in event notifications) and, as a
 * creator tag, in its Tags (which refresh-upload reads back: {@link Creators}).
 */
public final class CreateUpload extends VodOperation {
  public static final String NAME = "create-upload";

  public static final String TEMPLATE_GROUP_ID = "VOD_UPLOAD_TEMPLATE_GROUP_ID";
  public static final String WORKFLOW_ID = "VOD_UPLOAD_WORKFLOW_ID";
  public static final String STORAGE_LOCATION = "VOD_UPLOAD_STORAGE_LOCATION";
  public static final String APP_ID = "VOD_UPLOAD_APP_ID";
  public static final String CALLBACK_URL = "VOD_UPLOAD_CALLBACK_URL";
  public static final String MAX_FILE_SIZE = "VOD_UPLOAD_MAX_FILE_SIZE";
  public static final String FILE_EXTENSIONS = "VOD_UPLOAD_FILE_EXTENSIONS";

  /** CreateUploadVideo's limits, in UTF-8 bytes (the API reference counts bytes, UTF-8). */
  static final int TITLE_MAX_BYTES = 128;
  static final int DESCRIPTION_MAX_BYTES = 1024;
  static final int TAGS_MAX = 16;
  static final int TAG_MAX_BYTES = 32;
  /** VOD's Extend field (custom data echoed in event notifications) holds at most 512 bytes. */
  static final int EXTEND_MAX_BYTES = 512;
  /** Bounds of ours where the API states none: a URL or a file name longer than this is a mistake. */
  static final int COVER_URL_MAX_BYTES = 1024;
  static final int FILE_NAME_MAX_BYTES = 1024;

  /** The extensions VOD accepts for audio and video (Upload overview, "Supported media file formats"). */
  public static final Set<String> SUPPORTED_EXTENSIONS = caseInsensitive(
      // video
      "mp4", "ts", "3gp", "mpg", "mpeg", "mpe", "dat", "vob", "asf", "avi", "wmv", "flv", "f4v", "rm", "rmvb", "mov",
      "mkv", "m3u8", "dv", "gif", "m2t", "m4v", "mj2", "mjpeg", "mts", "ogg", "qt", "swf", "webm",
      // audio
      "mp3", "wma", "wav", "aac", "ra", "m4a", "flac", "ape", "ac3", "amr", "caf", "acm");

  /** CreateUploadVideo's parameters that are the deployment's, never a caller's. */
  static final List<String> OPERATOR_ONLY = List.of("TemplateGroupId", "WorkflowId", "StorageLocation", "AppId", "UserData");

  private static final List<String> CALLER_SETTABLE =
      List.of("Title", "FileName", "FileSize", "Description", "Tags", "CateId", "CoverURL");
  private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,19}");
  /** The deployment's callback: an http(s) URL; template.yml and s.yaml check the same pattern. */
  private static final Pattern CALLBACK = Pattern.compile("https?://\\S+");
  private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x1f\\x7f]");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String templateGroupId;
  private final String workflowId;
  private final String storageLocation;
  private final String appId;
  private final String callbackUrl;
  private final Long maxFileSize;
  private final Set<String> extensions;

  public CreateUpload(Config config) {
    super("CreateUploadVideo", NAME, concat(CALLER_SETTABLE, OPERATOR_ONLY), names("UploadAuth", "UploadAddress"));
    templateGroupId = config.setting(TEMPLATE_GROUP_ID);
    workflowId = config.setting(WORKFLOW_ID);
    storageLocation = config.setting(STORAGE_LOCATION);
    appId = config.setting(APP_ID);
    callbackUrl = config.setting(CALLBACK_URL);
    if (callbackUrl != null && !CALLBACK.matcher(callbackUrl).matches()) {
      throw new IllegalArgumentException(CALLBACK_URL + " must be an http or https URL");
    }
    if (templateGroupId != null && workflowId != null) {
      // The API takes one or the other: a workflow runs its own transcoding.
      throw new IllegalArgumentException("set " + TEMPLATE_GROUP_ID + " or " + WORKFLOW_ID + ", not both");
    }
    maxFileSize = positiveLong(config.setting(MAX_FILE_SIZE), MAX_FILE_SIZE);
    extensions = allowedExtensions(config.setting(FILE_EXTENSIONS));
  }

  @Override
  public boolean servesPagesWithoutTokens() {
    return false;
  }

  @Override
  protected List<String> requiredFields() {
    return concat(List.of("VideoId"), credentialFields());
  }

  @Override
  protected Checked<VodCall> checkOwn(Parameters parameters, Caller caller) {
    for (String name : OPERATOR_ONLY) {
      if (parameters.has(name)) {
        return refuse(ErrorKind.INVALID_PARAMETER, name + " is not the caller's to set: the deployment sets it.");
      }
    }
    Call call = new Call(this);
    String title = parameters.get("Title");
    if (title == null || title.trim().isEmpty()) return refuse(ErrorKind.MISSING_PARAMETER, "Title is required.");
    Answer refused = text("Title", title, TITLE_MAX_BYTES);
    if (refused != null) return Checked.refused(refused);
    call.title = title;

    String fileName = parameters.get("FileName");
    if (fileName == null || fileName.trim().isEmpty()) return refuse(ErrorKind.MISSING_PARAMETER, "FileName is required.");
    refused = text("FileName", fileName, FILE_NAME_MAX_BYTES);
    if (refused != null) return Checked.refused(refused);
    int dot = fileName.lastIndexOf('.');
    String extension = dot < 0 ? "" : fileName.substring(dot + 1);
    if (!extensions.contains(extension)) {
      return refuse(ErrorKind.INVALID_PARAMETER, "FileName must end with one of these extensions (any case): "
          + String.join(", ", extensions) + ".");
    }
    call.fileName = fileName;

    String fileSize = parameters.get("FileSize");
    if (fileSize != null && !fileSize.isEmpty()) {
      long max = maxFileSize != null ? maxFileSize : Long.MAX_VALUE;
      Long size = WHOLE_NUMBER.matcher(fileSize).matches() ? parseLong(fileSize) : null;
      if (size == null || size < 1 || size > max) {
        return refuse(ErrorKind.INVALID_PARAMETER, "FileSize must be a whole number of bytes between 1 and " + max + ".");
      }
      call.fileSize = size;
    } else if (maxFileSize != null) {
      return refuse(ErrorKind.MISSING_PARAMETER, "FileSize is required: this deployment accepts files of at most "
          + maxFileSize + " bytes.");
    }

    String description = parameters.get("Description");
    if (description != null && !description.isEmpty()) {
      refused = bytesAtMost("Description", description, DESCRIPTION_MAX_BYTES);
      if (refused != null) return Checked.refused(refused);
      call.description = description;
    }

    String tags = parameters.get("Tags");
    String creator = caller.subject() == null ? null : Creators.tag(caller.subject());
    if (tags != null && !tags.isEmpty()) {
      refused = tags(tags, creator == null ? TAGS_MAX : TAGS_MAX - 1);
      if (refused != null) return Checked.refused(refused);
      call.tags = tags;
    }
    if (creator != null) call.tags = call.tags == null ? creator : call.tags + "," + creator;

    String cateId = parameters.get("CateId");
    if (cateId != null && !cateId.isEmpty()) {
      Long id = WHOLE_NUMBER.matcher(cateId).matches() ? parseLong(cateId) : null;
      if (id == null || id < 1) {
        return refuse(ErrorKind.INVALID_PARAMETER, "CateId must be a category ID: a whole number between 1 and "
            + Long.MAX_VALUE + ".");
      }
      call.cateId = id;
    }

    String coverUrl = parameters.get("CoverURL");
    if (coverUrl != null && !coverUrl.isEmpty()) {
      refused = bytesAtMost("CoverURL", coverUrl, COVER_URL_MAX_BYTES);
      if (refused != null) return Checked.refused(refused);
      if (!isHttpUrl(coverUrl)) return refuse(ErrorKind.INVALID_PARAMETER, "CoverURL must be an http or https URL.");
      call.coverUrl = coverUrl;
    }

    Checked<String> userData = userData(caller.subject());
    if (!userData.isOk()) return Checked.refused(userData.error());
    call.userData = userData.value().isEmpty() ? null : userData.value();
    call.subject = caller.subject();
    return Checked.ok(call);
  }

  /**
   * The deployment's callback and, with a token, who created the upload:
   * {@code {"MessageCallback":{"CallbackURL":...},"Extend":{"CreatedBy":<sub>}}}; empty for none.
   */
  private Checked<String> userData(String subject) {
    ObjectNode userData = JSON.createObjectNode();
    if (callbackUrl != null) userData.putObject("MessageCallback").put("CallbackURL", callbackUrl);
    if (subject != null) {
      ObjectNode extend = userData.putObject("Extend").put("CreatedBy", subject);
      if (extend.toString().getBytes(StandardCharsets.UTF_8).length > EXTEND_MAX_BYTES) {
        return refuse(ErrorKind.INVALID_TOKEN, "The token's subject (sub) is too long for VOD to record: at most "
            + (EXTEND_MAX_BYTES - 16) + " bytes.");
      }
    }
    return Checked.ok(userData.size() == 0 ? "" : userData.toString());
  }

  /** @param max the API's 16, or 15 when the creator's tag (a token's subject) takes one */
  private static Answer tags(String tags, int max) {
    String[] each = tags.split(",", -1);
    if (each.length > max) {
      return Answer.error(ErrorKind.INVALID_PARAMETER, "Tags holds at most " + max + " tags, separated by commas"
          + (max < TAGS_MAX ? " (one of VOD's " + TAGS_MAX + " records who created the upload)." : "."));
    }
    for (String tag : each) {
      if (tag.trim().isEmpty()) return Answer.error(ErrorKind.INVALID_PARAMETER, "Tags must not hold an empty tag.");
      if (Creators.isCreatorTag(tag)) {
        return Answer.error(ErrorKind.INVALID_PARAMETER, "Tags must not hold a tag starting with " + Creators.TAG_PREFIX
            + ": the function records who created the upload.");
      }
      Answer refused = text("Tags", tag, TAG_MAX_BYTES);
      if (refused != null) {
        return Answer.error(ErrorKind.INVALID_PARAMETER, "Each tag in Tags must be at most " + TAG_MAX_BYTES
            + " bytes in UTF-8, without control characters.");
      }
    }
    return null;
  }

  /** A one-line text: no control characters, at most {@code max} UTF-8 bytes. */
  private static Answer text(String name, String value, int max) {
    if (CONTROL.matcher(value).find()) {
      return Answer.error(ErrorKind.INVALID_PARAMETER, name + " must not hold control characters.");
    }
    return bytesAtMost(name, value, max);
  }

  private static Answer bytesAtMost(String name, String value, int max) {
    if (value.getBytes(StandardCharsets.UTF_8).length <= max) return null;
    return Answer.error(ErrorKind.INVALID_PARAMETER, name + " must be at most " + max + " bytes in UTF-8.");
  }

  private static boolean isHttpUrl(String value) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static Long parseLong(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException tooLarge) {
      return null;
    }
  }

  private static Long positiveLong(String value, String name) {
    if (value == null) return null;
    Long n = WHOLE_NUMBER.matcher(value).matches() ? parseLong(value) : null;
    if (n == null || n < 1) throw new IllegalArgumentException(name + " must be a whole number of bytes, at least 1, got '" + value + "'");
    return n;
  }

  private static Set<String> allowedExtensions(String value) {
    if (value == null) return SUPPORTED_EXTENSIONS;
    Set<String> allowed = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (String each : value.split(",")) {
      String extension = each.trim().replaceFirst("^\\.", "");
      if (extension.isEmpty()) continue;
      if (!SUPPORTED_EXTENSIONS.contains(extension)) {
        throw new IllegalArgumentException(FILE_EXTENSIONS + " lists '" + extension + "', which VOD does not accept; it accepts "
            + String.join(", ", SUPPORTED_EXTENSIONS));
      }
      allowed.add(extension.toLowerCase(Locale.ROOT));
    }
    if (allowed.isEmpty()) throw new IllegalArgumentException(FILE_EXTENSIONS + " lists no extension");
    return Collections.unmodifiableSet(allowed);
  }

  private static Set<String> caseInsensitive(String... names) {
    Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    set.addAll(Arrays.asList(names));
    return Collections.unmodifiableSet(set);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  @Override
  public String primingQuery() {
    return "Title=%E9%A2%84%E7%83%AD&FileName=priming.mp4&FileSize=1024&Tags=prime&CateId=1";
  }

  /** CreateUploadVideo's parameters: the caller's, checked, and the deployment's. */
  public static final class Call extends VodCall {
    private final CreateUpload operation;
    private String title;
    private String fileName;
    private Long fileSize;
    private String description;
    private String tags;
    private Long cateId;
    private String coverUrl;
    private String userData;
    private String subject;

    private Call(CreateUpload operation) {
      super(null, operation::read);
      this.operation = operation;
    }

    /** The token's subject recorded as the video's creator; null without tokens. */
    public String subject() {
      return subject;
    }

    @Override
    public boolean repeatable() {
      return false; // a retry after an unknown outcome could create a second video
    }

    @Override
    public RpcAcsRequest<?> sdkRequest() {
      CreateUploadVideoRequest request = new CreateUploadVideoRequest();
      request.setTitle(title);
      request.setFileName(fileName);
      if (fileSize != null) request.setFileSize(fileSize);
      if (description != null) request.setDescription(description);
      if (tags != null) request.setTags(tags);
      if (cateId != null) request.setCateId(cateId);
      if (coverUrl != null) request.setCoverURL(coverUrl);
      if (userData != null) request.setUserData(userData);
      if (operation.templateGroupId != null) request.setTemplateGroupId(operation.templateGroupId);
      if (operation.workflowId != null) request.setWorkflowId(operation.workflowId);
      if (operation.storageLocation != null) request.setStorageLocation(operation.storageLocation);
      if (operation.appId != null) request.setAppId(operation.appId);
      return request;
    }

    @Override
    public String toString() {
      return "CreateUploadVideo{FileName=" + fileName + "}";
    }
  }
}
