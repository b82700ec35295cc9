#include "adapters/onebot11/decoders/decoders.hpp"

namespace adapters::onebot11::decoders {

decoded group_recall(frame const& f) {
    bot::ev::message_recalled e;
    e.group = need_id(f.j, "group_id");
    e.message_id = need_id(f.j, "message_id");
    e.user = need_id(f.j, "user_id");
    e.operator_id = opt_id(f.j, "operator_id");
    return decoded::of(f.make(std::move(e)));
}

decoded friend_recall(frame const& f) {
    bot::ev::message_recalled e;
    e.message_id = need_id(f.j, "message_id");
    e.user = need_id(f.j, "user_id");
    e.operator_id = e.user;  // only the author can recall a private message
    return decoded::of(f.make(std::move(e)));
}

}  // namespace adapters::onebot11::decoders
