// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SettingsFields.h"

#include <QComboBox>
#include <QLineEdit>
#include <QSpinBox>

namespace Keepsake {

namespace {

using Page = SettingField::Page;
using Choices = QList<std::pair<QString, QString>>;   // value, words

void textField(SettingField &field, const Settings::Entry &entry, const QString &placeholder = {})
{
    auto *edit = new QLineEdit(entry.isDefault ? QString() : entry.value);
    edit->setPlaceholderText(placeholder.isEmpty() && !entry.secret ? entry.value : placeholder);
    if (entry.secret)
        edit->setEchoMode(QLineEdit::Password);
    field.widget = edit;
    field.value = [edit, secret = entry.secret] { return secret ? edit->text() : edit->text().trimmed(); };
    field.setValue = [edit](const QString &value) { edit->setText(value); };
    field.emptyMeansDefault = true;
}

void numberField(SettingField &field, const Settings::Entry &entry, int low, int high, const QString &suffix,
                 const QString &zeroText = {})
{
    auto *spin = new QSpinBox;
    spin->setRange(low, high);
    spin->setSuffix(suffix);
    spin->setSpecialValueText(zeroText);   // shown for the minimum, when given
    spin->setValue(entry.value.toInt());
    field.widget = spin;
    field.value = [spin] { return QString::number(spin->value()); };
    field.setValue = [spin](const QString &value) { spin->setValue(value.toInt()); };
}

void choiceField(SettingField &field, const Settings::Entry &entry, const Choices &choices)
{
    auto *combo = new QComboBox;
    for (const auto &[value, words] : choices)
        combo->addItem(words, value);
    const auto select = [combo](const QString &value) {
        int index = combo->findData(value);
        if (index < 0) {   // a value this version does not know: shown as it is
            combo->addItem(value, value);
            index = combo->count() - 1;
        }
        combo->setCurrentIndex(index);
    };
    select(entry.value);
    field.widget = combo;
    field.value = [combo] { return combo->currentData().toString(); };
    field.setValue = select;
}

void labFields(SettingField &f, const Settings::Entry &e, const QStringList &ruleNames)
{
    if (f.key == QLatin1String("lab.name")) {
        f.label = SettingFields::tr("Lab name");
        f.explanation = SettingFields::tr("On discs, receipts and index prints, and under every mail.");
        textField(f, e);
    } else if (f.key == QLatin1String("lab.address")) {
        f.label = SettingFields::tr("Lab address");
        f.explanation = SettingFields::tr("On receipts and under every mail.");
        textField(f, e);
    } else if (f.key == QLatin1String("notice.days_before")) {
        f.label = SettingFields::tr("Notice before expiry");
        f.explanation = SettingFields::tr("Customers, and the people they shared an album with, get a mail this many days "
                              "before the album expires.");
        numberField(f, e, 1, 365, SettingFields::tr(" days"));
    } else if (f.key == QLatin1String("grace.days")) {
        f.label = SettingFields::tr("Keep after recording");
        f.explanation = SettingFields::tr("After an album went onto a disc its photos stay here, hidden from customers, for "
                              "this many days in case the disc is lost or faulty; then they are deleted.");
        numberField(f, e, 0, 3650, SettingFields::tr(" days"), SettingFields::tr("delete at once"));
    } else {
        f.label = SettingFields::tr("Rule for new albums");
        f.explanation = SettingFields::tr("How long a new album is kept. Rules are added with keepsakectl rule add.");
        Choices choices;
        for (const QString &name : ruleNames)
            choices.append({ name, name });
        choiceField(f, e, choices);
    }
}

void mailFields(SettingField &f, const Settings::Entry &e)
{
    f.page = Page::Mail;
    if (f.key == QLatin1String("smtp.host")) {
        f.label = SettingFields::tr("Mail server");
        f.explanation = SettingFields::tr("The server that sends the notices, for example mail.example.com. Left empty, no "
                              "mail goes out: notices wait in the queue.");
        textField(f, e, SettingFields::tr("none set"));
    } else if (f.key == QLatin1String("smtp.port")) {
        f.label = SettingFields::tr("Port");
        f.explanation = SettingFields::tr("Usually 587 (mail submission) or 25.");
        numberField(f, e, 1, 65535, QString());
    } else if (f.key == QLatin1String("smtp.starttls")) {
        f.label = SettingFields::tr("Encryption");
        f.explanation = SettingFields::tr("With a user name or password set, mails go out only encrypted unless \"never\" is "
                              "chosen (then the password too travels in clear).");
        choiceField(f, e, { { QStringLiteral("auto"), SettingFields::tr("Encrypt when the server offers it (STARTTLS)") },
                            { QStringLiteral("required"), SettingFields::tr("Always encrypt (STARTTLS required)") },
                            { QStringLiteral("off"), SettingFields::tr("Never encrypt") } });
    } else if (f.key == QLatin1String("smtp.user")) {
        f.label = SettingFields::tr("User name");
        textField(f, e, SettingFields::tr("none: the server takes mail without signing in"));
    } else if (f.key == QLatin1String("smtp.password")) {
        f.label = SettingFields::tr("Password");
        textField(f, e);
    } else if (f.key == QLatin1String("web.url")) {
        f.label = SettingFields::tr("Customers' web page");
        f.explanation = SettingFields::tr("The address the notice mails link to, as customers reach it from home "
                                          "(https://...). Left empty, the address of the lab's first device.");
        textField(f, e, SettingFields::tr("the first device's address"));
    } else {
        f.label = SettingFields::tr("Sender address");
        f.explanation = SettingFields::tr("The address the notices come from; customers' replies go there.");
        textField(f, e);
    }
}

void printFields(SettingField &f, const Settings::Entry &e)
{
    f.page = Page::Printing;
    if (f.key == QLatin1String("print.index_paper")) {
        f.label = SettingFields::tr("Index print paper");
        choiceField(f, e, { { QStringLiteral("a4"), SettingFields::tr("A4") },
                            { QStringLiteral("letter"), SettingFields::tr("US Letter") },
                            { QStringLiteral("10x15"), SettingFields::tr("Photo paper 10 × 15 cm") },
                            { QStringLiteral("4x6"), SettingFields::tr("Photo paper 4 × 6 in") } });
    } else if (f.key == QLatin1String("print.index_columns")) {
        f.label = SettingFields::tr("Photos per row");
        f.explanation = SettingFields::tr("On an index print.");
        numberField(f, e, 0, 20, QString(), SettingFields::tr("as many as suit the paper"));
    } else {
        f.label = SettingFields::tr("Receipt paper");
        choiceField(f, e, { { QStringLiteral("80mm"), SettingFields::tr("80 mm receipt roll") },
                            { QStringLiteral("a4"), SettingFields::tr("A4") },
                            { QStringLiteral("letter"), SettingFields::tr("US Letter") } });
    }
}

} // namespace

SettingField SettingFields::make(const Settings::Entry &entry, const QStringList &ruleNames)
{
    SettingField field;
    field.key = entry.key;
    static const QStringList lab { QStringLiteral("lab.name"), QStringLiteral("lab.address"),
                                   QStringLiteral("notice.days_before"), QStringLiteral("grace.days"),
                                   QStringLiteral("retention.default") };
    static const QStringList mail { QStringLiteral("smtp.host"), QStringLiteral("smtp.port"),
                                    QStringLiteral("smtp.starttls"), QStringLiteral("smtp.user"),
                                    QStringLiteral("smtp.password"), QStringLiteral("smtp.from"),
                                    QStringLiteral("web.url") };
    static const QStringList printing { QStringLiteral("print.index_paper"), QStringLiteral("print.index_columns"),
                                        QStringLiteral("print.receipt_paper") };
    if (lab.contains(entry.key)) {
        labFields(field, entry, ruleNames);
    } else if (mail.contains(entry.key)) {
        mailFields(field, entry);
    } else if (printing.contains(entry.key)) {
        printFields(field, entry);
    } else {   // a setting added after this dialog: its key and core's description
        field.label = entry.key;
        field.explanation = entry.description;
        textField(field, entry);
    }
    field.widget->setObjectName(QStringLiteral("setting_%1").arg(entry.key));
    field.widget->setToolTip(field.explanation);
    return field;
}

} // namespace Keepsake
