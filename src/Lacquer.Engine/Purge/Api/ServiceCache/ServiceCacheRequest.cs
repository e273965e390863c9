// The body of the service cache clear as FastAPI (>= 0.132, strict_content_type) reads the seed's model,
// Optional[CacheClearRequest] = None with service_name: Optional[str], alias serviceName, populate_by_name:
//   empty body                                        -> every zone
//   Content-Type not application/json nor */*+json    -> 422 model_attributes_type, input = the body's text
//   not UTF-8, or nested too deep                     -> 400 "There was an error parsing the body"
//   a lone surrogate escape, or a repeated name       -> the same 400 (Lacquer's; Python would accept both)
//   malformed JSON                                    -> 422 json_invalid at Python's position
//   null                                              -> every zone
//   anything but an object                            -> 422 model_attributes_type, input = the value
//   serviceName (else service_name) absent or null    -> every zone; a string -> that service; else 422 string_type
// Other keys are ignored.
using System.Text;

namespace Lacquer.Purge.Api.ServiceCache;

internal static class ServiceCacheRequest
{
    private static readonly string[] NameKeys = ["serviceName", "service_name"];

    /// <returns>The service to clear (null: every zone), or the error to answer.</returns>
    public static (string? ServiceName, FastApiError? Error) Parse(string? contentType, byte[] body)
    {
        if (body.Length == 0)
        {
            return (null, null);
        }

        if (!JsonMediaType.Is(contentType))
        {
            return (null, FastApiError.ModelAttributesType(Encoding.UTF8.GetString(body)));
        }

        var json = PythonJsonReader.Parse(body);
        if (json.Unreadable)
        {
            return (null, FastApiError.Unparsable);
        }

        if (!json.IsValue)
        {
            return (null, FastApiError.JsonInvalid(json.ErrorPosition, json.ErrorMessage!));
        }

        if (json.Value is null)
        {
            return (null, null);
        }

        if (json.Value is not PythonJsonObject model)
        {
            return (null, FastApiError.ModelAttributesType(json.Value));
        }

        foreach (var key in NameKeys)
        {
            if (model.TryGetValue(key, out var name))
            {
                return name switch
                {
                    null => (null, null),
                    string service => (service, null),
                    _ => (null, FastApiError.StringType(key, name)),
                };
            }
        }

        return (null, null);
    }
}
