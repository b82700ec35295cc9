#include "adapters/onebot12/decoders/decoders.hpp"

namespace adapters::onebot12::decoders {

decoded group_message_delete(frame const& f) {
    bot::ev::message_recalled e;
    e.group = need_id(f.j, "group_id");
    e.message_id = need_id(f.j, "message_id");
    e.user = need_id(f.j, "user_id");
    // sub_type "recall": the author took it back; "delete": someone removed it. ComWeChat reports
    // every recall as "delete" with an empty operator_id, so an empty operator stays empty.
    e.operator_id = opt_id(f.j, "operator_id");
    if (e.operator_id.empty() && opt_string(f.j, "sub_type") == "recall") e.operator_id = e.user;
    return decoded::of(f.make(std::move(e)));
}

decoded private_message_delete(frame const& f) {
    bot::ev::message_recalled e;
    e.message_id = need_id(f.j, "message_id");
    e.user = need_id(f.j, "user_id");
    e.operator_id = e.user;  // only the author can recall a private message
    return decoded::of(f.make(std::move(e)));
}

}  // namespace adapters::onebot12::decoders
