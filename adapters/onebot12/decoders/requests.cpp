#include "adapters/onebot12/decoders/decoders.hpp"
#include "adapters/onebot12/flag.hpp"

namespace adapters::onebot12::decoders {

namespace {

std::string need_ticket(json const& j, char const* key) {
    auto v = opt_string(j, key);
    if (v.empty()) throw malformed(std::string("missing \"") + key + "\"");
    return v;
}

}  // namespace

// v12 has no standard request; ComWeChat reports friend requests with v3/v4 tickets.
decoded wx_friend_request(frame const& f) {
    bot::ev::join_request e;
    e.user = need_id(f.j, "user_id");
    e.comment = opt_string(f.j, "content");
    e.flag = bot::id(wx_friend_flag(need_ticket(f.j, "v3"), need_ticket(f.j, "v4")));
    return decoded::of(f.make(std::move(e)));
}

}  // namespace adapters::onebot12::decoders
