// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DiscViewer.h"

#include "DiscManifest.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace Keepsake {

namespace {

QByteArray resource(const QString &name)
{
    QFile file(QStringLiteral(":/viewer/") + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A relative URL: every path segment percent-encoded.
QString href(const QString &path)
{
    QStringList segments = path.split(QLatin1Char('/'));
    for (QString &segment : segments)
        segment = QString::fromLatin1(QUrl::toPercentEncoding(segment));
    return segments.join(QLatin1Char('/'));
}

QList<const ManifestAlbum *> allAlbums(const DiscManifest &manifest)
{
    QList<const ManifestAlbum *> albums;
    for (const ManifestSession &session : manifest.sessions)
        for (const ManifestAlbum &album : session.albums)
            albums.append(&album);
    return albums;
}

QString coversHtml(const QList<const ManifestAlbum *> &albums)
{
    QString html;
    for (qsizetype i = 0; i < albums.size(); ++i) {
        const ManifestAlbum &album = *albums.at(i);
        const ManifestPhoto *cover = album.cover();
        const QString image = cover ? (cover->thumb.isEmpty() ? cover->view : cover->thumb) : QString();
        html += QStringLiteral("<a class=\"cover\" id=\"cover-%1\" href=\"#album-%1\">"
                               "<img src=\"%2\" alt=\"%3\"><span>%4</span><small>%5</small></a>\n")
                    .arg(i)
                    .arg(href(image), cover ? cover->name.toHtmlEscaped() : QString(),
                         album.title.toHtmlEscaped(),
                         DiscViewer::tr("%n photo(s)", nullptr, int(album.photos.size())));
    }
    return html;
}

QByteArray albumsScript(const QList<const ManifestAlbum *> &albums)
{
    QJsonArray list;
    for (const ManifestAlbum *album : albums) {
        QJsonArray photos;
        for (const ManifestPhoto &p : album->photos)
            photos.append(QJsonObject { { QStringLiteral("name"), p.name }, { QStringLiteral("path"), p.path },
                                        { QStringLiteral("view"), p.view }, { QStringLiteral("thumb"), p.thumb },
                                        { QStringLiteral("taken"), p.taken }, { QStringLiteral("caption"), p.caption } });
        list.append(QJsonObject { { QStringLiteral("title"), album->title }, { QStringLiteral("folder"), album->folder },
                                  { QStringLiteral("photos"), photos } });
    }
    return "window.KEEPSAKE_ALBUMS = " + QJsonDocument(list).toJson(QJsonDocument::Compact) + ";\n";
}

} // namespace

QList<DiscViewer::File> DiscViewer::render(const DiscManifest &manifest)
{
    const QList<const ManifestAlbum *> albums = allAlbums(manifest);
    const QString title = manifest.labName.isEmpty() ? tr("Your photos") : tr("Your photos from %1").arg(manifest.labName);
    QString page = QString::fromUtf8(resource(QStringLiteral("index.html")));
    page.replace(QLatin1String("{{TITLE}}"), title.toHtmlEscaped());
    page.replace(QLatin1String("{{OWNER}}"), QStringLiteral("%1 (%2)").arg(manifest.customerName.toHtmlEscaped(),
                                                                            manifest.customerCode.toHtmlEscaped()));
    page.replace(QLatin1String("{{BACK}}"), tr("All albums").toHtmlEscaped());
    page.replace(QLatin1String("{{FOOTER}}"), tr("Disc %1").arg(manifest.discId).toHtmlEscaped());
    page.replace(QLatin1String("{{COVERS}}"), coversHtml(albums));
    return {
        { QStringLiteral("index.html"), page.toUtf8() },
        { QStringLiteral("viewer/viewer.css"), resource(QStringLiteral("viewer.css")) },
        { QStringLiteral("viewer/viewer.js"), resource(QStringLiteral("viewer.js")) },
        { QStringLiteral("viewer/albums.js"), albumsScript(albums) },
    };
}

} // namespace Keepsake
