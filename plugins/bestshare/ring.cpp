#include "plugins/bestshare/ring.hpp"

namespace plugins::bestshare {

namespace {

std::size_t id_bytes(bot::id const& id) {
    return id.is_string() ? id.as_string().capacity() : 0;
}

}  // namespace

message_ring::message_ring(std::size_t per_group, std::size_t max_bytes)
    : recent_(per_group, max_bytes, [](seen_message const& m) {
          return sizeof(seen_message) + id_bytes(m.message) + id_bytes(m.user) + m.name.capacity() + m.text.capacity();
      }) {}

std::optional<seen_message> message_ring::find(std::string const& group, bot::id const& message) const {
    return recent_.newest(group, [&](seen_message const& m) { return m.message == message; });
}

std::optional<seen_message> message_ring::last_of(std::string const& group, bot::id const& user) const {
    return recent_.newest(group, [&](seen_message const& m) {
        return m.user == user && !m.text.starts_with("/") && !m.text.starts_with("\xef\xbc\x8f");
    });
}

}  // namespace plugins::bestshare
