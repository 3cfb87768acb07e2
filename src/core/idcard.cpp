#include "core/idcard.h"

namespace examsite {

QString idDocumentKindName(IdDocumentKind kind)
{
    switch (kind) {
    case IdDocumentKind::ResidentIdCard:
        return QStringLiteral("resident_id_card");
    case IdDocumentKind::ResidencePermit:
        return QStringLiteral("residence_permit");
    case IdDocumentKind::ForeignerPermanentResidence:
        return QStringLiteral("foreigner_permanent_residence");
    }
    return {};
}

} // namespace examsite
