#include "ui/terminallistmodel.h"

#include "core/error.h"
#include "identity/checkinrecorder.h"
#include "services/siteservices.h"
#include "ui/authviewmodel.h"
#include "ui/errortext.h"
#include "ui/labels.h"

namespace examsite {

namespace {

QString kindLabel(const QString &kind)
{
    if (kind == u"kiosk")
        return TerminalListModel::tr("Check-in kiosk");
    if (kind == u"console")
        return TerminalListModel::tr("Console");
    if (kind == u"cli")
        return TerminalListModel::tr("Command line");
    if (kind == u"feeds")
        return TerminalListModel::tr("Camera watch");
    return kind;
}

/// One refused held write for the panel, in the UI's language.
QString refusedLine(const RefusedHeldRow &r)
{
    const QString when = localTimeLabel(QDateTime::fromString(r.decidedAt, Qt::ISODate));
    QString what;
    if (r.kind == u"admission")
        what = TerminalListModel::tr("admitted by %1 on %2 at %3").arg(r.admittedBy, r.terminal, when);
    else if (r.kind == u"failed_check")
        what = TerminalListModel::tr("failed face check on %1 at %2").arg(r.terminal, when);
    else
        what = TerminalListModel::tr("checked in on %1 at %2").arg(r.terminal, when);
    return TerminalListModel::tr("%1 %2 (session %3) · %4 · refused: %5")
        .arg(r.ticket, r.name, r.session, what, messageText(r.reason));
}

} // namespace

TerminalListModel::TerminalListModel(SiteServices &services, AuthViewModel &auth, QObject *parent)
    : QAbstractListModel(parent), m_services(services), m_auth(auth)
{
    connect(&m_auth, &AuthViewModel::changed, this, &TerminalListModel::refresh);
}

int TerminalListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

bool TerminalListModel::allowed() const
{
    return m_auth.can(Action::ListTerminals);
}

int TerminalListModel::setAsideKiosks() const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(),
                             [](const TerminalStatus &t) { return t.terminal.setAside > 0; }));
}

int TerminalListModel::onlineCount() const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(),
                             [](const TerminalStatus &t) { return t.state == TerminalState::Online; }));
}

QVariant TerminalListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const TerminalStatus &t = m_rows.at(index.row());
    switch (role) {
    case NameRole:
        return t.terminal.name;
    case KindRole:
        return t.terminal.kind;
    case KindLabelRole:
        return kindLabel(t.terminal.kind);
    case RoomRole:
        return t.terminal.room;
    case LastSeenRole:
        return localTimeLabel(t.terminal.lastSeen);
    case StateRole:
        return TerminalRegistry::stateName(t.state);
    case StateLabelRole:
        switch (t.state) {
        case TerminalState::Online:
            return tr("Online");
        case TerminalState::Quiet:
            return tr("Not seen for %n minute(s)", "", int(t.secondsSinceSeen / 60));
        case TerminalState::Offline:
            return tr("Offline");
        }
        return {};
    case KeyRole:
        return t.terminal.keyFingerprint;
    case ThisTerminalRole:
        return t.terminal.name == m_services.terminalId();
    case SetAsideRole:
        return t.terminal.setAside;
    case SetAsideLabelRole:
        return t.terminal.setAside > 0 ? tr("%n held check-in(s) refused by the site server or unreadable, "
                                            "in this kiosk's outbox: "
                                            "a proctor admits those candidates by hand",
                                            "", t.terminal.setAside)
                                       : QString();
    }
    return {};
}

QHash<int, QByteArray> TerminalListModel::roleNames() const
{
    return {{NameRole, "name"},
            {KindRole, "kind"},
            {KindLabelRole, "kindLabel"},
            {RoomRole, "room"},
            {LastSeenRole, "lastSeen"},
            {StateRole, "state"},
            {StateLabelRole, "stateLabel"},
            {KeyRole, "keyFingerprint"},
            {ThisTerminalRole, "thisTerminal"},
            {SetAsideRole, "setAside"},
            {SetAsideLabelRole, "setAsideLabel"}};
}

void TerminalListModel::refresh()
{
    QList<TerminalStatus> rows;
    QString message;
    if (m_auth.staff() && allowed()) {
        try {
            rows = m_services.terminals().list(*m_auth.staff());
        } catch (const Error &e) {
            message = errorText(e);
        }
    } else if (m_auth.staff()) {
        message = m_auth.deniedText(Action::ListTerminals);
    }
    QStringList refused;
    const bool anyAside = std::any_of(rows.cbegin(), rows.cend(),
                                      [](const TerminalStatus &t) { return t.terminal.setAside > 0; });
    if (anyAside && m_auth.can(Action::ViewPersonalData)) {
        try {
            const QList<RefusedHeldRow> found =
                m_services.checkIn().refusedHeld(0, *m_auth.staff(), kRefusedShown + 1);
            for (const RefusedHeldRow &r : found.mid(0, kRefusedShown))
                refused.append(refusedLine(r));
            if (found.size() > kRefusedShown)
                refused.append(tr("More on the command line: examsite checkin refused --as USER"));
        } catch (const Error &e) {
            message = errorText(e);
        }
    }
    beginResetModel();
    m_rows = rows;
    m_message = message;
    m_refused = refused;
    endResetModel();
    Q_EMIT countChanged();
}

} // namespace examsite
