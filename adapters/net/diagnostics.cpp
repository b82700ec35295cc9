#include "adapters/net/diagnostics.hpp"

namespace adapters::net {

std::string excerpt(std::string_view text, std::size_t max) {
    if (text.size() <= max) return std::string(text);
    return std::string(text.substr(0, max)) + "…(" + std::to_string(text.size()) + " bytes)";
}

std::string header_value(request const& req, std::string_view name) {
    auto it = req.find(beast::string_view(name.data(), name.size()));
    return it == req.end() ? std::string() : std::string(it->value());
}

std::string peer_of(beast::tcp_stream const& stream) {
    boost::system::error_code ec;
    auto ep = stream.socket().remote_endpoint(ec);
    return ec ? std::string("?") : ep.address().to_string() + ":" + std::to_string(ep.port());
}

}  // namespace adapters::net
