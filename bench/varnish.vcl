# Varnish in front of the kit's origin: the built-in VCL (it honours Cache-Control max-age), only the backend
# is ours. Started by run.sh as varnishd -n <tmp> -a 127.0.0.1:<port> -f this file -s malloc,1G.
vcl 4.1;

backend origin {
    .host = "127.0.0.1";
    .port = "@ORIGIN_PORT@";
}
