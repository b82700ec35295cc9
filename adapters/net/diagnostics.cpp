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

std::string quoted(std::string_view key) { return "\"" + std::string(key) + "\""; }

std::string json_kind(nlohmann::json const& v) {
    using t = nlohmann::json::value_t;
    switch (v.type()) {
        case t::object: return "an object";
        case t::array: return "an array";
        case t::string: return "a string";
        case t::boolean: return "a boolean";
        case t::number_float: return "a fractional number";
        case t::null: return "null";
        default: return "a number";
    }
}

}  // namespace adapters::net
