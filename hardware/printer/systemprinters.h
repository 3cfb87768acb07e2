// IPrinters over Qt Print Support: the queues QPrinterInfo lists (CUPS destinations on Linux) and jobs
// painted on a QPrinter in full-page mode at 300 dpi.
#pragma once

#include "core/iprinters.h"

namespace examsite {

class SystemPrinters : public IPrinters
{
public:
    QStringList names() const override;
    QString defaultName() const override;
    int print(const QString &name, const QString &title,
              const std::function<int(QPagedPaintDevice &)> &paint) override;
};

} // namespace examsite
