// A candidate's registered photo from the console's candidate list (#20 item 8): the site administrator
// replaces a wrong one with the organisation's file, or removes it so the proctor checks the candidate by
// hand, with a reason. The rule and the event are CandidatePhotos' (Action::ReplacePhoto); this shows the
// outcome in the dialog that asked.
#pragma once

#include "core/policy.h"

#include <functional>
#include <QObject>
#include <QtQml/qqmlregistration.h>
#include <QUrl>

namespace examsite {

class AuthViewModel;
class SiteServices;

class PhotoViewModel : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    Q_PROPERTY(bool failed READ failed NOTIFY messageChanged)

public:
    PhotoViewModel(SiteServices &services, AuthViewModel &auth, QObject *parent = nullptr);

    QString message() const { return m_message; }
    bool failed() const { return m_failed; }

    /// Replaces the photo of the candidate `ticket` by the image file at `path`; false with the reason.
    Q_INVOKABLE bool replace(const QString &ticket, const QString &path, const QString &reason);
    /// Removes the candidate's photo; false with the reason.
    Q_INVOKABLE bool remove(const QString &ticket, const QString &reason);
    /// Forgets the last outcome (a dialog opened for another candidate).
    Q_INVOKABLE void clearMessage();
    Q_INVOKABLE QString localPath(const QUrl &url) const { return url.toLocalFile(); }

Q_SIGNALS:
    void messageChanged();
    /// A photo was replaced or removed: the candidate list shows it.
    void photoChanged();

private:
    void setMessage(const QString &text, bool failed);
    /// Runs `change` as the signed-in member; `done` or the domain's reason in the dialog.
    bool run(const std::function<void(const Actor &)> &change, const QString &done);

    SiteServices &m_services;
    AuthViewModel &m_auth;
    QString m_message;
    bool m_failed = false;
};

} // namespace examsite
