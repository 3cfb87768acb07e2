#include "core/error.h"

namespace examsite {

Error::Error(ErrorKind kind, QString message)
    : m_kind(kind), m_message(std::move(message)), m_utf8(m_message.toUtf8())
{
}

} // namespace examsite
