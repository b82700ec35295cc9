#include "adapters/onebot11/decoders/decoders.hpp"

namespace adapters::onebot11::decoders {

// group_upload is not turned into a group_message: it has no message_id to dedupe, reply to or
// recall, and the core's seg::file belongs to messages, not to a notice about one.
decoded group_upload(frame const&) {
    return decoded::ignore("notice.group_upload: file uploads have no core event (no message_id to act on)");
}

decoded group_card(frame const&) {
    return decoded::ignore("notice.group_card: group card changes have no core event");
}

decoded essence(frame const&) {
    return decoded::ignore("notice.essence: essence messages have no core event");
}

decoded friend_add(frame const&) {
    return decoded::ignore("notice.friend_add: new friends have no core event");
}

}  // namespace adapters::onebot11::decoders
