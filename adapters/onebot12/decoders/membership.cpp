#include "adapters/onebot12/decoders/decoders.hpp"

namespace adapters::onebot12::decoders {

decoded member_increase(frame const& f) {
    bot::ev::member_joined e;
    e.group = need_id(f.j, "group_id");
    e.user = need_id(f.j, "user_id");
    e.operator_id = opt_id(f.j, "operator_id");
    // v12 "join" (came in of their own accord, approved where the group asks) is what the core
    // calls "approve"; "invite" is the same word in both.
    auto how = opt_string(f.j, "sub_type");
    if (how == "join") e.how = "approve";
    if (how == "invite") e.how = "invite";
    return decoded::of(f.make(std::move(e)));
}

decoded member_decrease(frame const& f) {
    bot::ev::member_left e;
    e.group = need_id(f.j, "group_id");
    e.user = need_id(f.j, "user_id");
    e.operator_id = opt_id(f.j, "operator_id");
    e.kicked = opt_string(f.j, "sub_type") == "kick";
    e.bot_removed = is_self(f.self, e.user);
    return decoded::of(f.make(std::move(e)));
}

// group_admin_set / group_admin_unset are not in the v12 standard, but ComWeChat's event model and
// QQ v12 implementations send them with group_id, user_id and operator_id.
decoded admin_set(frame const& f) {
    return decoded::of(f.make(bot::ev::admin_changed{need_id(f.j, "group_id"), need_id(f.j, "user_id"), true}));
}

decoded admin_unset(frame const& f) {
    return decoded::of(f.make(bot::ev::admin_changed{need_id(f.j, "group_id"), need_id(f.j, "user_id"), false}));
}

}  // namespace adapters::onebot12::decoders
