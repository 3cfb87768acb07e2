// The system's printers: the print queues (CUPS destinations) and jobs painted page by page.
// hardware/printer implements it with Qt Print Support (QPrinter, QPrinterInfo through the CUPS
// plugin); seating/seatprinter.h prints the seating documents through it.
#pragma once

#include <functional>
#include <QStringList>

class QPagedPaintDevice;

namespace examsite {

class IPrinters
{
public:
    virtual ~IPrinters() = default;
    /// The queues the system offers, sorted by name.
    virtual QStringList names() const = 0;
    /// The system's default queue, or empty when there is none.
    virtual QString defaultName() const = 0;
    /// Sends one job titled `title` to the queue `name` (one of names()): `paint` sets the page layout,
    /// paints the pages on the device (its origin is the paper's top-left corner) and returns how many.
    /// Throws Error(Storage) when the job cannot be sent.
    virtual int print(const QString &name, const QString &title,
                      const std::function<int(QPagedPaintDevice &)> &paint) = 0;
};

} // namespace examsite
