#include "adapters/onebot11/decoders/decoders.hpp"

namespace adapters::onebot11::decoders {

decoded group_request(frame const& f) {
    auto how = opt_string(f.j, "sub_type");
    if (how != "add" && how != "invite") return decoded::ignore("request.group: unknown sub_type \"" + how + "\"");
    bot::ev::join_request e;
    e.group = need_id(f.j, "group_id");
    e.user = need_id(f.j, "user_id");
    e.comment = opt_string(f.j, "comment");
    e.flag = need_id(f.j, "flag");  // opaque: kept verbatim, never parsed
    e.invite = how == "invite";
    return decoded::of(f.make(std::move(e)));
}

decoded friend_request(frame const& f) {
    bot::ev::join_request e;
    e.user = need_id(f.j, "user_id");
    e.comment = opt_string(f.j, "comment");
    e.flag = need_id(f.j, "flag");
    return decoded::of(f.make(std::move(e)));
}

}  // namespace adapters::onebot11::decoders
