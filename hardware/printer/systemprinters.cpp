#include "printer/systemprinters.h"

#include "core/error.h"

#include <algorithm>
#include <QPrinter>
#include <QPrinterInfo>

namespace examsite {

QStringList SystemPrinters::names() const
{
    QStringList out = QPrinterInfo::availablePrinterNames();
    std::sort(out.begin(), out.end());
    return out;
}

QString SystemPrinters::defaultName() const
{
    return QPrinterInfo::defaultPrinterName();
}

int SystemPrinters::print(const QString &name, const QString &title,
                          const std::function<int(QPagedPaintDevice &)> &paint)
{
    const QPrinterInfo info = QPrinterInfo::printerInfo(name);
    if (info.isNull())
        throw Error(ErrorKind::NotFound, QStringLiteral("printer '%1' does not exist").arg(name));
    QPrinter printer(info, QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::NativeFormat);
    printer.setResolution(300);
    printer.setFullPage(true);
    printer.setDocName(title);
    printer.setCreator(QStringLiteral("ExamSite"));
    printer.setColorMode(QPrinter::Color);
    const int pages = paint(printer);
    if (printer.printerState() == QPrinter::Error || printer.printerState() == QPrinter::Aborted)
        throw Error(ErrorKind::Storage,
                    QStringLiteral("printer '%1': the job '%2' could not be sent").arg(name, title));
    return pages;
}

} // namespace examsite
