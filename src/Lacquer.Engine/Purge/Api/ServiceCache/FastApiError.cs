// FastAPI's error responses, byte for byte (docs/compat.md, "Service cache"): the 422
// HTTPValidationError {"detail":[{"type","loc","msg","input"[,"ctx"]}]} without pydantic's "url", and the
// {"detail":"…"} of HTTPException. Written with PythonJsonWriter, as FastAPI's JSONResponse writes them.
namespace Lacquer.Purge.Api.ServiceCache;

internal sealed record FastApiError(int Status, byte[] Body)
{
    public const string ContentType = "application/json";

    public static FastApiError MethodNotAllowed { get; } = Detail(405, "Method Not Allowed");

    public static FastApiError NotAuthenticated { get; } = Detail(401, "Not authenticated");

    public static FastApiError InvalidCredentials { get; } = Detail(401, "Invalid authentication credentials");

    public static FastApiError TooLarge { get; } = Detail(413, "Request Entity Too Large");

    /// <summary>What FastAPI answers when the body cannot even be decoded (not UTF-8, nested too deep).</summary>
    public static FastApiError Unparsable { get; } = Detail(400, "There was an error parsing the body");

    /// <summary>Malformed JSON: <paramref name="position"/> and <paramref name="message"/> are Python's JSONDecodeError's pos and msg.</summary>
    public static FastApiError JsonInvalid(int position, string message) => Validation(PythonJsonObject.Of(
        ("type", "json_invalid"),
        ("loc", new object?[] { "body", PythonJsonNumber.Of(position) }),
        ("msg", "JSON decode error"),
        ("input", new PythonJsonObject()),
        ("ctx", PythonJsonObject.Of(("error", message)))));

    /// <summary>The body is not a JSON object (or not JSON at all, when <paramref name="input"/> is its text).</summary>
    public static FastApiError ModelAttributesType(object? input) => Validation(PythonJsonObject.Of(
        ("type", "model_attributes_type"),
        ("loc", new object?[] { "body" }),
        ("msg", "Input should be a valid dictionary or object to extract fields from"),
        ("input", input)));

    /// <summary>A field that must be a string (or null) holds <paramref name="input"/>; <paramref name="key"/> as the client spelled it.</summary>
    public static FastApiError StringType(string key, object? input) => Validation(PythonJsonObject.Of(
        ("type", "string_type"),
        ("loc", new object?[] { "body", key }),
        ("msg", "Input should be a valid string"),
        ("input", input)));

    private static FastApiError Validation(PythonJsonObject error) =>
        new(422, PythonJsonWriter.ToUtf8(PythonJsonObject.Of(("detail", new object?[] { error }))));

    /// <summary>An HTTPException's {"detail": "…"}: also how a purge the cluster did not confirm is answered.</summary>
    public static FastApiError Detail(int status, string detail) =>
        new(status, PythonJsonWriter.ToUtf8(PythonJsonObject.Of(("detail", detail))));
}
