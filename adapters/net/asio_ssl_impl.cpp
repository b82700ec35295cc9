// Asio's TLS support is compiled once, here (BOOST_ASIO_SEPARATE_COMPILATION), for HTTPS clients.
#include <boost/asio/ssl/impl/src.hpp>
