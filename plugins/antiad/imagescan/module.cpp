// The module's one exported symbol: the table of its readers.
#include "plugins/antiad/imagescan/entry_points.hpp"
#include "plugins/antiad/imagescan/readers.hpp"

extern "C" __attribute__((visibility("default"))) plugins::antiad::imagescan::entry_points const*
qunbot_imagescan_entry_points() {
    namespace s = plugins::antiad::imagescan;
    static s::entry_points const table{s::entry_points_version, &s::read_page, &s::ocr_loads, &s::qr_payloads};
    return &table;
}
