<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Keepsake::Actor</name>
    <message>
        <source>the clerk</source>
        <translation>die Mitarbeiter</translation>
    </message>
    <message>
        <source>clerk %1</source>
        <translation>Mitarbeiter %1</translation>
    </message>
    <message>
        <source>customer %1</source>
        <translation>Kunde %1</translation>
    </message>
    <message>
        <source>viewer %1 (a customer)</source>
        <translation>Betrachter %1 (Kunde)</translation>
    </message>
    <message>
        <source>viewer %1</source>
        <translation>Betrachter %1</translation>
    </message>
    <message>
        <source>device %1</source>
        <translation>Gerät %1</translation>
    </message>
    <message>
        <source>the lab (%1)</source>
        <translation>das Labor (%1)</translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumAccess</name>
    <message>
        <source>There is no album %1. List the customer&apos;s albums with keepsakectl albums --customer CODE.</source>
        <translation>Es gibt kein Album %1. Die Alben des Kunden zeigt keepsakectl albums --customer CODE.</translation>
    </message>
    <message>
        <source>Album %1 cannot be reached by %2: a device does not act on customers&apos; albums. Its owner, signed in, or the clerk at the counter can.</source>
        <translation>Album %1 ist für %2 nicht erreichbar: Ein Gerät arbeitet nicht mit den Alben von Kunden. Das können der angemeldete Besitzer oder die Mitarbeiter an der Theke.</translation>
    </message>
    <message>
        <source>customer %1</source>
        <translation>Kunde %1</translation>
    </message>
    <message>
        <source>Album %1 (%2): only the lab can do this; %3 may ask at the counter.</source>
        <translation>Album %1 (%2): Das kann nur das Labor; %3 kann an der Theke danach fragen.</translation>
    </message>
    <message>
        <source>Album %1 (%2) went onto a disc and is no longer within reach here; %3 may ask at the counter about it.</source>
        <translation>Album %1 (%2) wurde auf eine Disc gebrannt und ist hier nicht mehr erreichbar; %3 kann an der Theke danach fragen.</translation>
    </message>
    <message>
        <source>Album %1 is not shared with %2 (or no longer): only its owner and the people they share it with can see it. Ask its owner to share it.</source>
        <translation>Album %1 ist nicht (oder nicht mehr) mit %2 geteilt: Nur der Besitzer und die Personen, mit denen er es teilt, können es sehen. Bitten Sie den Besitzer, es zu teilen.</translation>
    </message>
    <message>
        <source>Album %1 (%2) is shared with %3 to view only: only its owner or the clerk can change it.</source>
        <translation>Album %1 (%2) ist mit %3 nur zum Ansehen geteilt: Ändern können es nur der Besitzer oder die Mitarbeiter.</translation>
    </message>
    <message>
        <source>The albums of customer %1 that went onto disc are shown at the counter only; ask the clerk there.</source>
        <translation>Die gebrannten Alben von Kunde %1 werden nur an der Theke gezeigt; fragen Sie dort die Mitarbeiter.</translation>
    </message>
    <message>
        <source>The albums and notices of customer %1 are theirs only: %2 may not see or change them. Sign in as that customer, or ask at the counter.</source>
        <translation>Die Alben und Hinweise von Kunde %1 gehören nur diesem Kunden: %2 darf sie weder sehen noch ändern. Melden Sie sich als dieser Kunde an oder fragen Sie an der Theke.</translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumChoices</name>
    <message>
        <source>Album %1 has no photo &quot;%2&quot;. List its photos with keepsakectl photos --album %1.</source>
        <translation>Album %1 hat kein Foto „%2“. Die Fotos zeigt keepsakectl photos --album %1.</translation>
    </message>
    <message>
        <source>Photo %1 is not in album %2; a cover must be one of the album&apos;s photos.</source>
        <translation>Foto %1 ist nicht in Album %2; das Titelbild muss eines der Fotos des Albums sein.</translation>
    </message>
    <message>
        <source>Photo %1 is not in album %2; only the album&apos;s own photos can be chosen for its index print.</source>
        <translation>Foto %1 ist nicht in Album %2; für den Indexprint können nur Fotos des Albums gewählt werden.</translation>
    </message>
    <message>
        <source>There is no photo %1.</source>
        <translation>Es gibt kein Foto %1.</translation>
    </message>
    <message>
        <source>There is no disc session %1.</source>
        <translation>Es gibt keine Disc-Sitzung %1.</translation>
    </message>
    <message>
        <source>No pickup code could be stored for disc session %1. Check that the catalog is reachable and try again.</source>
        <translation>Für die Disc-Sitzung %1 konnte kein Abholcode gespeichert werden. Prüfen Sie, ob der Katalog erreichbar ist, und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The caption of photo %1 is %2 characters long; a caption holds at most %3. Shorten it.</source>
        <translation>Die Bildunterschrift von Foto %1 ist %2 Zeichen lang; erlaubt sind höchstens %3. Bitte kürzen Sie sie.</translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumCommand</name>
    <message>
        <source>change one album: rule, date, cover, print selection</source>
        <translation>ein Album ändern: Regel, Datum, Titelbild, Druckauswahl</translation>
    </message>
    <message>
        <source>Usage: keepsakectl album SUB-COMMAND ...
</source>
        <translation>Aufruf: keepsakectl album UNTERBEFEHL ...
</translation>
    </message>
    <message>
        <source>Unknown album sub-command &quot;%1&quot;. See: keepsakectl album --help</source>
        <translation>Unbekannter Album-Unterbefehl „%1“. Siehe: keepsakectl album --help</translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumEdits</name>
    <message>
        <source>There is no album %1: it may have been deleted. Reload the customer&apos;s albums.</source>
        <translation>Es gibt kein Album %1: Es wurde vielleicht gelöscht. Laden Sie die Alben des Kunden neu.</translation>
    </message>
    <message>
        <source>An album title needs 1 to 120 characters.</source>
        <translation>Ein Albumtitel braucht 1 bis 120 Zeichen.</translation>
    </message>
    <message>
        <source>The album &quot;%1&quot; is already on disc and can no longer be renamed.</source>
        <translation>Das Album „%1“ ist bereits auf Disc und kann nicht mehr umbenannt werden.</translation>
    </message>
    <message>
        <source>Photos cannot be moved into &quot;%1&quot;: it is already on disc.</source>
        <translation>Fotos können nicht nach „%1“ verschoben werden: Das Album ist bereits auf Disc.</translation>
    </message>
    <message>
        <source>There is no photo %1. Reload the album.</source>
        <translation>Es gibt kein Foto %1. Laden Sie das Album neu.</translation>
    </message>
    <message>
        <source>Photo %1 cannot be moved: it belongs to another customer or is already on disc.</source>
        <translation>Foto %1 kann nicht verschoben werden: Es gehört einem anderen Kunden oder ist bereits auf Disc.</translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumLife</name>
    <message>
        <source>Album %1 (%2) was already deleted after recording.</source>
        <translation>Album %1 (%2) wurde nach dem Brennen bereits gelöscht.</translation>
    </message>
    <message>
        <source>Album %1 (%2) is %3; only albums that are not on disc yet can be extended. A recorded album in its grace period can be restored with keepsakectl album restore.</source>
        <translation>Album %1 (%2) ist %3; verlängert werden können nur Alben, die noch nicht auf Disc sind. Ein gebranntes Album in seiner Frist lässt sich mit keepsakectl album restore zurückholen.</translation>
    </message>
    <message>
        <source>Album %1 can only be extended to a day after today (%2).</source>
        <translation>Album %1 kann nur bis zu einem Tag nach heute (%2) verlängert werden.</translation>
    </message>
    <message>
        <source>Album %1 (%2) is %3; its rule no longer matters.</source>
        <translation>Album %1 (%2) ist %3; seine Regel spielt keine Rolle mehr.</translation>
    </message>
    <message>
        <source>Album %1 (%2) is %3; only a recorded album in its grace period can be restored.</source>
        <translation>Album %1 (%2) ist %3; zurückholen lässt sich nur ein gebranntes Album in seiner Frist.</translation>
    </message>
    <message>
        <source>There is no album %1. List the customer&apos;s albums with keepsakectl albums --customer CODE --all.</source>
        <translation>Es gibt kein Album %1. Die Alben des Kunden zeigt keepsakectl albums --customer CODE --all.</translation>
    </message>
    <message>
        <source>Album %1 (%2) was purged or restored at the same moment; it can no longer be restored.</source>
        <translation>Album %1 (%2) wurde im selben Moment gelöscht oder zurückgeholt; es kann nicht mehr zurückgeholt werden.</translation>
    </message>
    <message>
        <source>Album %1 (%2) is %3: it waits for its disc or is on one, and a view no longer keeps it. The clerk can extend or restore it at the counter.</source>
        <translation>Album %1 (%2) ist %3: Es wartet auf seine Disc oder ist bereits auf einer, und durch Ansehen bleibt es nicht mehr erhalten. Das Personal kann es an der Theke verlängern oder wiederherstellen.</translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumPrintSubcommands</name>
    <message>
        <source>Name the album: --album ALBUM.</source>
        <translation>Nennen Sie das Album: --album ALBUM.</translation>
    </message>
    <message>
        <source>Chooses the album&apos;s cover photo: shown first on its disc and marked on its index print.</source>
        <translation>Wählt das Titelbild des Albums: zuerst gezeigt auf seiner Disc und markiert auf seinem Indexprint.</translation>
    </message>
    <message>
        <source>the album&apos;s ID, or its title with --customer</source>
        <translation>die ID des Albums oder sein Titel mit --customer</translation>
    </message>
    <message>
        <source>ALBUM</source>
        <translation>ALBUM</translation>
    </message>
    <message>
        <source>the album&apos;s owner</source>
        <translation>der Besitzer des Albums</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>the photo&apos;s ID or original file name</source>
        <translation>die ID des Fotos oder sein ursprünglicher Dateiname</translation>
    </message>
    <message>
        <source>PHOTO</source>
        <translation>FOTO</translation>
    </message>
    <message>
        <source>Name the photo: --photo PHOTO (its ID or original file name).</source>
        <translation>Nennen Sie das Foto: --photo FOTO (seine ID oder sein ursprünglicher Dateiname).</translation>
    </message>
    <message>
        <source>Album %1 &quot;%2&quot;: cover photo %3</source>
        <translation>Album %1 „%2“: Titelbild %3</translation>
    </message>
    <message>
        <source>Chooses the photos of the album&apos;s index print (claim 9); --clear prints all again.</source>
        <translation>Wählt die Fotos für den Indexprint des Albums (Anspruch 9); --clear druckt wieder alle.</translation>
    </message>
    <message>
        <source>photo IDs or original file names, comma-separated or repeated</source>
        <translation>Foto-IDs oder ursprüngliche Dateinamen, durch Kommas getrennt oder wiederholt</translation>
    </message>
    <message>
        <source>no selection: the index print shows every photo</source>
        <translation>keine Auswahl: der Indexprint zeigt jedes Foto</translation>
    </message>
    <message>
        <source>Give the photos (--photos PHOTO,...) or --clear.</source>
        <translation>Geben Sie die Fotos an (--photos FOTO,...) oder --clear.</translation>
    </message>
    <message>
        <source>Album %1 &quot;%2&quot;: the index print shows every photo</source>
        <translation>Album %1 „%2“: der Indexprint zeigt jedes Foto</translation>
    </message>
    <message numerus="yes">
        <source>Album %1 &quot;%2&quot;: %n photo(s) chosen for the index print</source>
        <translation>
            <numerusform>Album %1 „%2“: %n Foto für den Indexprint gewählt</numerusform>
            <numerusform>Album %1 „%2“: %n Fotos für den Indexprint gewählt</numerusform>
        </translation>
    </message>
    <message>
        <source>choose the album&apos;s cover photo</source>
        <translation>das Titelbild des Albums wählen</translation>
    </message>
    <message>
        <source>choose the photos of the album&apos;s index print</source>
        <translation>die Fotos für den Indexprint des Albums wählen</translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumRetentionSubcommands</name>
    <message>
        <source>the album&apos;s ID, or its title with --customer</source>
        <translation>die ID des Albums oder sein Titel mit --customer</translation>
    </message>
    <message>
        <source>ALBUM</source>
        <translation>ALBUM</translation>
    </message>
    <message>
        <source>the album&apos;s owner</source>
        <translation>der Besitzer des Albums</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>Name the album: --album ID.</source>
        <translation>Nennen Sie das Album: --album ID.</translation>
    </message>
    <message>
        <source>Gives an album another retention rule; its date follows the new rule.</source>
        <translation>Gibt einem Album eine andere Aufbewahrungsregel; sein Datum folgt der neuen Regel.</translation>
    </message>
    <message>
        <source>the rule&apos;s name (keepsakectl rule list)</source>
        <translation>der Name der Regel (keepsakectl rule list)</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>Name the rule: --rule NAME.</source>
        <translation>Nennen Sie die Regel: --rule NAME.</translation>
    </message>
    <message>
        <source>Album %1 (%2) has a new rule</source>
        <translation>Album %1 (%2) hat eine neue Regel</translation>
    </message>
    <message>
        <source>Keeps an album longer, as the customer asked; it becomes active with the new date.</source>
        <translation>Bewahrt ein Album auf Wunsch des Kunden länger auf; es wird mit dem neuen Datum wieder aktiv.</translation>
    </message>
    <message>
        <source>days added to the album&apos;s current date</source>
        <translation>Tage, die zum aktuellen Datum des Albums hinzukommen</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>the new last day</source>
        <translation>der neue letzte Tag</translation>
    </message>
    <message>
        <source>DATE</source>
        <translation>DATUM</translation>
    </message>
    <message>
        <source>Give either --days N or --until DATE.</source>
        <translation>Geben Sie entweder --days N oder --until DATUM an.</translation>
    </message>
    <message>
        <source>Album %1 (%2) is extended</source>
        <translation>Album %1 (%2) ist verlängert</translation>
    </message>
    <message>
        <source>--days takes a positive whole number.</source>
        <translation>--days erwartet eine positive ganze Zahl.</translation>
    </message>
    <message>
        <source>--until takes a date like 2027-01-31.</source>
        <translation>--until erwartet ein Datum wie 2027-01-31.</translation>
    </message>
    <message>
        <source>Brings a recorded album back from its grace period: active again, dated by its rule from today.</source>
        <translation>Holt ein gebranntes Album aus seiner Frist zurück: wieder aktiv, datiert nach seiner Regel ab heute.</translation>
    </message>
    <message>
        <source>Album %1 (%2) is restored</source>
        <translation>Album %1 (%2) ist zurückgeholt</translation>
    </message>
    <message>
        <source>give an album another retention rule</source>
        <translation>einem Album eine andere Aufbewahrungsregel geben</translation>
    </message>
    <message>
        <source>keep an album longer (--days N or --until DATE)</source>
        <translation>ein Album länger aufbewahren (--days N oder --until DATUM)</translation>
    </message>
    <message>
        <source>bring a recorded album back from its grace period</source>
        <translation>ein gebranntes Album aus seiner Frist zurückholen</translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumRoutes</name>
    <message>
        <source>&quot;%1&quot; is not an ID.</source>
        <translation>„%1“ ist keine ID.</translation>
    </message>
    <message>
        <source>The thumbnail of photo %1 is not on this device: its file is kept on %2.</source>
        <translation>Das Vorschaubild von Foto %1 ist nicht auf diesem Gerät: Seine Datei wird auf %2 aufbewahrt.</translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumSharing</name>
    <message>
        <source>Album %1 (%2): who else may view it is its owner&apos;s business, not shown to %3. Ask its owner.</source>
        <translation>Album %1 (%2): Wer es sonst noch ansehen darf, ist Sache seines Besitzers und wird %3 nicht gezeigt. Fragen Sie den Besitzer.</translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumZip</name>
    <message>
        <source>The album&apos;s zip broke off at %1: %2</source>
        <translation>Das ZIP-Archiv des Albums brach bei %1 ab: %2</translation>
    </message>
    <message>
        <source>%1 cannot be read for the album&apos;s zip: %2</source>
        <translation>%1 kann für das ZIP-Archiv des Albums nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 (kept on %2)</source>
        <translation>%1 (aufbewahrt auf %2)</translation>
    </message>
    <message>
        <source>These photos of the album are kept at another store of the lab and are not in this download; ask the lab for them:</source>
        <translation>Diese Fotos des Albums werden in einer anderen Filiale des Labors aufbewahrt und sind nicht in diesem Download enthalten; fragen Sie im Labor danach:</translation>
    </message>
    <message>
        <source>not-included.txt</source>
        <translation>nicht-enthalten.txt</translation>
    </message>
</context>
<context>
    <name>Keepsake::Albums</name>
    <message>
        <source>There is no album %1. List the customer&apos;s albums with keepsakectl albums --customer CODE --all.</source>
        <translation>Es gibt kein Album %1. Die Alben des Kunden zeigt keepsakectl albums --customer CODE --all.</translation>
    </message>
    <message>
        <source>Album %1 does not belong to this customer.</source>
        <translation>Album %1 gehört nicht diesem Kunden.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an album ID; to name an album by its title, give the customer too (--customer).</source>
        <translation>„%1“ ist keine Album-ID; um ein Album über seinen Titel zu nennen, geben Sie auch den Kunden an (--customer).</translation>
    </message>
    <message>
        <source>The customer has no album called &quot;%1&quot;.</source>
        <translation>Der Kunde hat kein Album namens „%1“.</translation>
    </message>
    <message>
        <source>The albums cannot be read from the catalog: %1.</source>
        <translation>Die Alben können nicht aus dem Katalog gelesen werden: %1.</translation>
    </message>
    <message>
        <source>The photos of album %1 cannot be read from the catalog: %2.</source>
        <translation>Die Fotos von Album %1 können nicht aus dem Katalog gelesen werden: %2.</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>expiring</source>
        <translation>läuft ab</translation>
    </message>
    <message>
        <source>expired, waiting for its disc</source>
        <translation>abgelaufen, wartet auf seine Disc</translation>
    </message>
    <message>
        <source>recorded on disc</source>
        <translation>auf Disc gebrannt</translation>
    </message>
    <message>
        <source>deleted after recording</source>
        <translation>nach dem Brennen gelöscht</translation>
    </message>
    <message>
        <source>Photo %1 cannot be read from the catalog: %2.</source>
        <translation>Foto %1 kann nicht aus dem Katalog gelesen werden: %2.</translation>
    </message>
    <message>
        <source>There is no photo %1.</source>
        <translation>Es gibt kein Foto %1.</translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumsCommand</name>
    <message>
        <source>the albums a customer can reach now</source>
        <translation>die Alben, die ein Kunde jetzt erreichen kann</translation>
    </message>
    <message>
        <source>Lists the albums the customer can reach now (owned and shared).</source>
        <translation>Listet die Alben, die der Kunde jetzt erreichen kann (eigene und geteilte).</translation>
    </message>
    <message>
        <source>the customer</source>
        <translation>der Kunde</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>also recorded and purged albums (for the clerk)</source>
        <translation>auch gebrannte und gelöschte Alben (für die Mitarbeiter)</translation>
    </message>
    <message>
        <source>Name the customer: --customer CODE.</source>
        <translation>Nennen Sie den Kunden: --customer CODE.</translation>
    </message>
    <message numerus="yes">
        <source>%n album(s)</source>
        <translation>
            <numerusform>%n Album</numerusform>
            <numerusform>%n Alben</numerusform>
        </translation>
    </message>
    <message>
        <source>every stored photo of an album</source>
        <translation>jedes gespeicherte Foto eines Albums</translation>
    </message>
    <message>
        <source>Lists every stored photo of an album, new versions included.</source>
        <translation>Listet jedes gespeicherte Foto eines Albums, neue Versionen eingeschlossen.</translation>
    </message>
    <message>
        <source>the album&apos;s ID, or its title with --customer</source>
        <translation>die ID des Albums oder sein Titel mit --customer</translation>
    </message>
    <message>
        <source>ALBUM</source>
        <translation>ALBUM</translation>
    </message>
    <message>
        <source>the album&apos;s owner</source>
        <translation>der Besitzer des Albums</translation>
    </message>
    <message>
        <source>Name the album: --album ID.</source>
        <translation>Nennen Sie das Album: --album ID.</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) in album %1</source>
        <translation>
            <numerusform>%n Foto in Album %1</numerusform>
            <numerusform>%n Fotos in Album %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumsPage</name>
    <message>
        <source>Hello, %1</source>
        <translation>Hallo, %1</translation>
    </message>
    <message>
        <source>%1 — kept until %2. After that it comes back to you on disc.</source>
        <translation>%1 — aufbewahrt bis %2. Danach bekommen Sie es auf Disc zurück.</translation>
    </message>
    <message>
        <source>A new name for the album</source>
        <translation>Ein neuer Name für das Album</translation>
    </message>
    <message>
        <source>The album is now called &quot;%1&quot;.</source>
        <translation>Das Album heißt jetzt „%1“.</translation>
    </message>
    <message numerus="yes">
        <source>Move %n photo(s) into which album?</source>
        <translation>
            <numerusform>%n Foto in welches Album verschieben?</numerusform>
            <numerusform>%n Fotos in welches Album verschieben?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) moved.</source>
        <translation>
            <numerusform>%n Foto verschoben.</numerusform>
            <numerusform>%n Fotos verschoben.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Move to album</source>
        <translation>In Album verschieben</translation>
    </message>
    <message>
        <source>Make cover</source>
        <translation>Als Titelbild</translation>
    </message>
    <message>
        <source>Choose for index print</source>
        <translation>Für Indexprint wählen</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Teilen</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>Hinweise</translation>
    </message>
    <message>
        <source>This photo is now the album&apos;s cover: the disc opens with it.</source>
        <translation>Dieses Foto ist jetzt das Titelbild des Albums: Die Disc öffnet mit ihm.</translation>
    </message>
    <message>
        <source>Save the index print choice</source>
        <translation>Indexprint-Auswahl speichern</translation>
    </message>
    <message>
        <source>Tick the photos for the index print. None ticked: all photos are printed.</source>
        <translation>Haken Sie die Fotos für den Indexprint an. Keins angehakt: Alle Fotos werden gedruckt.</translation>
    </message>
    <message>
        <source>All photos of the album go on the index print.</source>
        <translation>Alle Fotos des Albums kommen auf den Indexprint.</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) chosen for the index print.</source>
        <translation>
            <numerusform>%n Foto für den Indexprint gewählt.</numerusform>
            <numerusform>%n Fotos für den Indexprint gewählt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Share this album with: customer code or e-mail address</source>
        <translation>Dieses Album teilen mit: Kundennummer oder E-Mail-Adresse</translation>
    </message>
    <message>
        <source>%1 may now view this album and will be told before it expires.</source>
        <translation>%1 darf dieses Album jetzt ansehen und wird vor dem Ablauf benachrichtigt.</translation>
    </message>
    <message>
        <source>Shared by %1</source>
        <translation>Geteilt von %1</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n Foto</numerusform>
            <numerusform>%n Fotos</numerusform>
        </translation>
    </message>
    <message>
        <source>Expires on %1</source>
        <translation>Läuft am %1 ab</translation>
    </message>
    <message>
        <source>%1 — shared with you by %2, to view only. You can see it until %3 or until it is recorded on disc.</source>
        <translation>%1 — von %2 mit Ihnen geteilt, nur zum Ansehen. Sie können es bis %3 ansehen oder bis es auf eine Disc gebrannt wird.</translation>
    </message>
    <message>
        <source>You have no photos here yet.

Insert your memory card or USB stick into the kiosk now: its photos become your first album.
Or hand them in at the counter.</source>
        <translation>Sie haben hier noch keine Fotos.

Stecken Sie jetzt Ihre Speicherkarte oder Ihren USB-Stick in das Terminal: Die Fotos darauf werden Ihr erstes Album.
Oder geben Sie sie an der Theke ab.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>New notice — %1. Tap to read it.</source>
        <translation>Neuer Hinweis — %1. Tippen Sie, um ihn zu lesen.</translation>
    </message>
    <message numerus="yes">
        <source>%n unread notice(s), the newest: %1. Tap to read them.</source>
        <translation>
            <numerusform>%n ungelesener Hinweis, der neueste: %1. Tippen Sie, um ihn zu lesen.</numerusform>
            <numerusform>%n ungelesene Hinweise, der neueste: %1. Tippen Sie, um sie zu lesen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Hand in from your phone</source>
        <translation>Vom Telefon abgeben</translation>
    </message>
</context>
<context>
    <name>Keepsake::AuditDialog</name>
    <message>
        <source>Audit trail of %1 — %2</source>
        <translation>Protokoll von %1 — %2</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>Audit trail of album &apos;%1&apos; of %2</source>
        <translation>Protokoll von Album „%1“ von %2</translation>
    </message>
    <message>
        <source>Audit trail of the lab</source>
        <translation>Protokoll des Labors</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Was geschah</translation>
    </message>
    <message>
        <source>Show details</source>
        <translation>Einzelheiten zeigen</translation>
    </message>
    <message>
        <source>All customers</source>
        <translation>Alle Kunden</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Alles</translation>
    </message>
    <message>
        <source>Search the entries</source>
        <translation>Einträge durchsuchen</translation>
    </message>
    <message>
        <source>from</source>
        <translation>von</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n entry(s) shown</source>
        <translation>
            <numerusform>%1 von %n Eintrag angezeigt</numerusform>
            <numerusform>%1 von %n Einträgen angezeigt</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose an entry to see its details.</source>
        <translation>Wählen Sie einen Eintrag, um seine Einzelheiten zu sehen.</translation>
    </message>
    <message>
        <source>Hide details</source>
        <translation>Einzelheiten ausblenden</translation>
    </message>
</context>
<context>
    <name>Keepsake::AuditSentences</name>
    <message>
        <source>Hand-in</source>
        <translation>Abgabe</translation>
    </message>
    <message>
        <source>Album renamed</source>
        <translation>Album umbenannt</translation>
    </message>
    <message>
        <source>Photos moved</source>
        <translation>Fotos verschoben</translation>
    </message>
    <message>
        <source>Cover chosen</source>
        <translation>Titelbild gewählt</translation>
    </message>
    <message>
        <source>Caption written</source>
        <translation>Bildunterschrift geschrieben</translation>
    </message>
    <message>
        <source>Photos chosen to print</source>
        <translation>Fotos zum Drucken gewählt</translation>
    </message>
    <message>
        <source>Album shared</source>
        <translation>Album geteilt</translation>
    </message>
    <message>
        <source>Sharing ended</source>
        <translation>Teilen beendet</translation>
    </message>
    <message>
        <source>Album recorded</source>
        <translation>Album gebrannt</translation>
    </message>
    <message>
        <source>Disc recorded</source>
        <translation>Disc gebrannt</translation>
    </message>
    <message>
        <source>Album extended</source>
        <translation>Album verlängert</translation>
    </message>
    <message>
        <source>Rule changed</source>
        <translation>Regel geändert</translation>
    </message>
    <message>
        <source>Album restored</source>
        <translation>Album zurückgeholt</translation>
    </message>
    <message>
        <source>Photos deleted after recording</source>
        <translation>Fotos nach dem Brennen gelöscht</translation>
    </message>
    <message>
        <source>Notice sent</source>
        <translation>Hinweis gesendet</translation>
    </message>
    <message>
        <source>Notice failed</source>
        <translation>Hinweis fehlgeschlagen</translation>
    </message>
    <message>
        <source>Registered at the kiosk</source>
        <translation>Am Terminal registriert</translation>
    </message>
    <message>
        <source>Registration confirmed</source>
        <translation>Registrierung bestätigt</translation>
    </message>
    <message>
        <source>Customer details changed</source>
        <translation>Kundendaten geändert</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>Angemeldet</translation>
    </message>
    <message>
        <source>Wrong PIN</source>
        <translation>Falsche PIN</translation>
    </message>
    <message>
        <source>Setting changed</source>
        <translation>Einstellung geändert</translation>
    </message>
    <message>
        <source>Rule added</source>
        <translation>Regel angelegt</translation>
    </message>
    <message>
        <source>Device added</source>
        <translation>Gerät hinzugefügt</translation>
    </message>
    <message>
        <source>customer no. %1</source>
        <translation>Kunde Nr. %1</translation>
    </message>
    <message>
        <source>no. %1</source>
        <translation>Nr. %1</translation>
    </message>
    <message>
        <source>The clerk</source>
        <translation>Das Personal</translation>
    </message>
    <message>
        <source>Clerk %1</source>
        <translation>Mitarbeiter %1</translation>
    </message>
    <message>
        <source>The lab&apos;s command line</source>
        <translation>Die Kommandozeile des Labors</translation>
    </message>
    <message>
        <source>%1 (command line)</source>
        <translation>%1 (Kommandozeile)</translation>
    </message>
    <message>
        <source>The mail delivery</source>
        <translation>Der Mailversand</translation>
    </message>
    <message>
        <source>The lab&apos;s nightly round</source>
        <translation>Der nächtliche Lauf des Labors</translation>
    </message>
    <message>
        <source>The printing</source>
        <translation>Der Druck</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 an %2</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <comment>what someone did, at which terminal</comment>
        <translation>%1 (an %2)</translation>
    </message>
    <message>
        <source>%1 renamed album &apos;%2&apos; to &apos;%3&apos;</source>
        <translation>%1 hat Album „%2“ in „%3“ umbenannt</translation>
    </message>
    <message numerus="yes">
        <source>%1 moved %n photo(s) into album &apos;%2&apos;</source>
        <translation>
            <numerusform>%1 hat %n Foto in Album „%2“ verschoben</numerusform>
            <numerusform>%1 hat %n Fotos in Album „%2“ verschoben</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 chose the cover of album &apos;%2&apos;</source>
        <translation>%1 hat das Titelbild von Album „%2“ gewählt</translation>
    </message>
    <message>
        <source>%1 wrote a caption in album &apos;%2&apos;</source>
        <translation>%1 hat in Album „%2“ eine Bildunterschrift geschrieben</translation>
    </message>
    <message numerus="yes">
        <source>%1 chose %n photo(s) of album &apos;%2&apos; to print</source>
        <translation>
            <numerusform>%1 hat %n Foto von Album „%2“ zum Drucken gewählt</numerusform>
            <numerusform>%1 hat %n Fotos von Album „%2“ zum Drucken gewählt</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 shared album &apos;%2&apos; with %3</source>
        <translation>%1 hat Album „%2“ mit %3 geteilt</translation>
    </message>
    <message>
        <source>%1 stopped sharing album &apos;%2&apos; with %3</source>
        <translation>%1 hat das Teilen von Album „%2“ mit %3 beendet</translation>
    </message>
    <message>
        <source>%1 recorded album &apos;%2&apos; onto disc %3</source>
        <translation>%1 hat Album „%2“ auf Disc %3 gebrannt</translation>
    </message>
    <message>
        <source>%1 extended album &apos;%2&apos; until %3</source>
        <translation>%1 hat Album „%2“ bis %3 verlängert</translation>
    </message>
    <message>
        <source>%1 gave album &apos;%2&apos; the rule &apos;%3&apos;</source>
        <translation>%1 hat Album „%2“ die Regel „%3“ gegeben</translation>
    </message>
    <message>
        <source>%1 restored album &apos;%2&apos;, kept until %3</source>
        <translation>%1 hat Album „%2“ zurückgeholt, aufbewahrt bis %3</translation>
    </message>
    <message numerus="yes">
        <source>%1 deleted the %n photo(s) of album &apos;%2&apos; after its time on disc</source>
        <translation>
            <numerusform>%1 hat das %n Foto von Album „%2“ nach Ablauf seiner Frist nach dem Brennen gelöscht</numerusform>
            <numerusform>%1 hat die %n Fotos von Album „%2“ nach Ablauf seiner Frist nach dem Brennen gelöscht</numerusform>
        </translation>
    </message>
    <message>
        <source>Notice about album &apos;%1&apos; sent to %2</source>
        <translation>Hinweis zu Album „%1“ an %2 gesendet</translation>
    </message>
    <message>
        <source>Notice about album &apos;%1&apos; to %2 not sent: %3</source>
        <translation>Hinweis zu Album „%1“ an %2 nicht gesendet: %3</translation>
    </message>
    <message numerus="yes">
        <source>%1 handed in %n new photo(s)</source>
        <translation>
            <numerusform>%1 hat %n neues Foto abgegeben</numerusform>
            <numerusform>%1 hat %n neue Fotos abgegeben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n already here</source>
        <translation>
            <numerusform>, %n schon vorhanden</numerusform>
            <numerusform>, %n schon vorhanden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n refused</source>
        <translation>
            <numerusform>, %n abgelehnt</numerusform>
            <numerusform>, %n abgelehnt</numerusform>
        </translation>
    </message>
    <message>
        <source> (cancelled)</source>
        <translation> (abgebrochen)</translation>
    </message>
    <message numerus="yes">
        <source>%1 recorded disc %2 with %n album(s)</source>
        <translation>
            <numerusform>%1 hat Disc %2 mit %n Album gebrannt</numerusform>
            <numerusform>%1 hat Disc %2 mit %n Alben gebrannt</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 registered as a new customer</source>
        <translation>%1 hat sich als neuer Kunde registriert</translation>
    </message>
    <message>
        <source>%1 confirmed the registration of %2</source>
        <translation>%1 hat die Registrierung von %2 bestätigt</translation>
    </message>
    <message>
        <source>%1 signed in</source>
        <translation>%1 hat sich angemeldet</translation>
    </message>
    <message>
        <source>%1: someone typed an unknown customer code</source>
        <translation>%1: Jemand hat eine unbekannte Kundennummer eingegeben</translation>
    </message>
    <message>
        <source>%1 typed a wrong PIN</source>
        <translation>%1 hat eine falsche PIN eingegeben</translation>
    </message>
    <message>
        <source>%1 set %2 to &apos;%3&apos;</source>
        <translation>%1 hat %2 auf „%3“ gesetzt</translation>
    </message>
    <message>
        <source>%1 added the retention rule &apos;%2&apos;</source>
        <translation>%1 hat die Aufbewahrungsregel „%2“ angelegt</translation>
    </message>
    <message>
        <source>%1 added the device %2</source>
        <translation>%1 hat das Gerät %2 hinzugefügt</translation>
    </message>
    <message>
        <source>%1: %2 (album &apos;%3&apos;)</source>
        <translation>%1: %2 (Album „%3“)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: %2 (customer %3)</source>
        <translation>%1: %2 (Kunde %3)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Disc verified</source>
        <translation>Disc geprüft</translation>
    </message>
    <message>
        <source>Disc failed verification</source>
        <translation>Disc-Prüfung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Customer added</source>
        <translation>Kunde angelegt</translation>
    </message>
    <message numerus="yes">
        <source>%1 read disc %2 back: all %n file(s) match</source>
        <translation>
            <numerusform>%1 hat Disc %2 zurückgelesen: die %n Datei stimmt überein</numerusform>
            <numerusform>%1 hat Disc %2 zurückgelesen: alle %n Dateien stimmen überein</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 read disc %2 back: %n file(s) differ; the lab keeps its copies</source>
        <translation>
            <numerusform>%1 hat Disc %2 zurückgelesen: %n Datei weicht ab; das Labor behält seine Kopien</numerusform>
            <numerusform>%1 hat Disc %2 zurückgelesen: %n Dateien weichen ab; das Labor behält seine Kopien</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 added customer %2 (%3)</source>
        <translation>%1 hat Kunde %2 (%3) angelegt</translation>
    </message>
    <message>
        <source>%1 changed the details of %2: %3</source>
        <translation>%1 hat die Angaben zu %2 geändert: %3</translation>
    </message>
    <message>
        <source>name &apos;%1&apos;</source>
        <translation>Name „%1“</translation>
    </message>
    <message>
        <source>e-mail address removed</source>
        <translation>E-Mail-Adresse entfernt</translation>
    </message>
    <message>
        <source>e-mail address %1</source>
        <translation>E-Mail-Adresse %1</translation>
    </message>
    <message>
        <source>phone number removed</source>
        <translation>Telefonnummer entfernt</translation>
    </message>
    <message>
        <source>phone number %1</source>
        <translation>Telefonnummer %1</translation>
    </message>
    <message>
        <source>the lab&apos;s language</source>
        <translation>Sprache des Labors</translation>
    </message>
    <message>
        <source>language %1</source>
        <translation>Sprache %1</translation>
    </message>
    <message>
        <source>PIN removed</source>
        <translation>PIN entfernt</translation>
    </message>
    <message>
        <source>a new PIN</source>
        <translation>eine neue PIN</translation>
    </message>
    <message>
        <source>no plan (the lab&apos;s default rule)</source>
        <translation>kein Tarif (Standardregel des Labors)</translation>
    </message>
    <message>
        <source>plan &apos;%1&apos;</source>
        <translation>Tarif „%1“</translation>
    </message>
    <message>
        <source>no home device</source>
        <translation>kein Stammgerät</translation>
    </message>
    <message>
        <source>home device %1</source>
        <translation>Stammgerät %1</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos;</source>
        <translation>%1 „%2“</translation>
    </message>
    <message>
        <source>Album viewed</source>
        <translation>Album angesehen</translation>
    </message>
    <message>
        <source>%1 looked at album &apos;%2&apos;: kept until %3</source>
        <translation>%1 hat das Album „%2“ angesehen: aufbewahrt bis %3</translation>
    </message>
</context>
<context>
    <name>Keepsake::AuditTrail</name>
    <message>
        <source>The audit trail is the lab&apos;s record and is shown to the clerk only, not to %1.</source>
        <translation>Das Protokoll ist die Aufzeichnung des Labors und nur für die Mitarbeiter sichtbar, nicht für %1.</translation>
    </message>
</context>
<context>
    <name>Keepsake::BlobStore</name>
    <message>
        <source>The stored file %1 cannot be deleted.</source>
        <translation>Die gespeicherte Datei %1 kann nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>The photo store folder %1 cannot be created. Check the data folder&apos;s permissions and free space.</source>
        <translation>Der Ordner %1 der Fotoablage kann nicht angelegt werden. Prüfen Sie die Rechte und den freien Platz des Datenordners.</translation>
    </message>
    <message>
        <source>The photo store cannot write %1: %2.</source>
        <translation>Die Fotoablage kann %1 nicht schreiben: %2.</translation>
    </message>
    <message>
        <source>The photo store could not write a photo (%1). Make room on the disk holding %2 and hand the photos in again.</source>
        <translation>Die Fotoablage konnte ein Foto nicht schreiben (%1). Schaffen Sie Platz auf dem Datenträger mit %2 und geben Sie die Fotos erneut ab.</translation>
    </message>
    <message>
        <source>The photo store could not flush %1 to disk: %2.</source>
        <translation>Die Fotoablage konnte %1 nicht auf den Datenträger schreiben: %2.</translation>
    </message>
    <message>
        <source>The photo store could not put %1 in place: %2.</source>
        <translation>Die Fotoablage konnte %1 nicht an seinen Platz bringen: %2.</translation>
    </message>
    <message>
        <source>The photo store could not flush the folder %1: %2.</source>
        <translation>Die Fotoablage konnte den Ordner %1 nicht auf den Datenträger schreiben: %2.</translation>
    </message>
    <message>
        <source>The file that arrived for %1 has another SHA-256 (%2): it was damaged on the way and is sent again.</source>
        <translation>Die für %1 eingetroffene Datei hat eine andere SHA-256 (%2): Sie wurde unterwegs beschädigt und wird erneut gesendet.</translation>
    </message>
    <message>
        <source>a short write</source>
        <translation>ein unvollständiger Schreibvorgang</translation>
    </message>
</context>
<context>
    <name>Keepsake::BurnJob</name>
    <message>
        <source>Album %1 belongs to customer %2, not to %3.</source>
        <translation>Album %1 gehört Kunde %2, nicht %3.</translation>
    </message>
    <message>
        <source>Album &apos;%1&apos; is already on disc %2.</source>
        <translation>Album „%1“ ist bereits auf Disc %2.</translation>
    </message>
    <message>
        <source>This disc was not made by Keepsake (it has no Keepsake manifest). Nothing was written; please use a new disc.</source>
        <translation>Diese Disc wurde nicht von Keepsake erstellt (sie hat kein Keepsake-Manifest). Es wurde nichts geschrieben; bitte verwenden Sie eine neue Disc.</translation>
    </message>
    <message>
        <source>This disc&apos;s manifest cannot be read, so it cannot be checked. Nothing was written; please use a new disc.</source>
        <translation>Das Manifest dieser Disc kann nicht gelesen und daher nicht geprüft werden. Es wurde nichts geschrieben; bitte verwenden Sie eine neue Disc.</translation>
    </message>
    <message>
        <source>This disc belongs to customer %1, not to %2 (%3). Nothing was written; please use the customer&apos;s own disc or a new one.</source>
        <translation>Diese Disc gehört Kunde %1, nicht %2 (%3). Es wurde nichts geschrieben; bitte verwenden Sie die eigene Disc des Kunden oder eine neue.</translation>
    </message>
    <message>
        <source>The catalog records disc %1 for another customer, not for %2. Nothing was written.</source>
        <translation>Der Katalog führt Disc %1 für einen anderen Kunden, nicht für %2. Es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>Disc %1 is closed: nothing more can be added to it. Insert a blank disc.</source>
        <translation>Disc %1 ist abgeschlossen: Es kann nichts mehr hinzugefügt werden. Legen Sie eine leere Disc ein.</translation>
    </message>
    <message>
        <source>Unknown medium &apos;%1&apos;: say one of %2.</source>
        <translation>Unbekanntes Medium „%1“: Nennen Sie eines von %2.</translation>
    </message>
    <message>
        <source>There is no writable disc in %1. Insert a blank or the customer&apos;s disc.</source>
        <translation>In %1 liegt keine beschreibbare Disc. Legen Sie eine leere Disc oder die Disc des Kunden ein.</translation>
    </message>
    <message>
        <source>No staging folder could be made in %1: %2</source>
        <translation>In %1 konnte kein Arbeitsordner angelegt werden: %2</translation>
    </message>
    <message>
        <source>The disc was written and verified, but the catalog could not record it (the albums stay as they were): </source>
        <translation>Die Disc wurde geschrieben und geprüft, aber der Katalog konnte sie nicht verbuchen (die Alben bleiben, wie sie waren): </translation>
    </message>
    <message>
        <source>The medium in %1 is too small for this session (%2). Nothing was recorded; insert a larger or blank disc, or burn fewer albums with --albums.</source>
        <translation>Das Medium in %1 ist für diese Sitzung zu klein (%2). Es wurde nichts gebrannt; legen Sie eine größere oder leere Disc ein oder brennen Sie mit --albums weniger Alben.</translation>
    </message>
    <message>
        <source>The burn was cancelled; the albums stay expired, ready to burn again.</source>
        <translation>Das Brennen wurde abgebrochen; die Alben bleiben abgelaufen und können erneut gebrannt werden.</translation>
    </message>
    <message>
        <source>Writing to %1 failed: %2. Nothing was recorded; the albums stay expired. Try again with another disc.</source>
        <translation>Schreiben auf %1 fehlgeschlagen: %2. Es wurde nichts gebrannt; die Alben bleiben abgelaufen. Versuchen Sie es mit einer anderen Disc erneut.</translation>
    </message>
    <message>
        <source>Verification was cancelled; the albums stay expired, ready to burn again.</source>
        <translation>Die Prüfung wurde abgebrochen; die Alben bleiben abgelaufen und können erneut gebrannt werden.</translation>
    </message>
    <message>
        <source>The disc in %1 failed verification: %2%3. Nothing was recorded; the albums stay expired. Burn again on a new disc.</source>
        <translation>Die Disc in %1 hat die Prüfung nicht bestanden: %2%3. Es wurde nichts gebrannt; die Alben bleiben abgelaufen. Brennen Sie erneut auf eine neue Disc.</translation>
    </message>
    <message>
        <source>This burn needs %1 discs, and the image file %2 for disc %3 exists already. Nothing was written: move it away, or name another image file.</source>
        <translation>Dieses Brennen braucht %1 Discs, und die Abbilddatei %2 für Disc %3 existiert schon. Es wurde nichts geschrieben: Verschieben Sie sie oder nennen Sie eine andere Abbilddatei.</translation>
    </message>
    <message>
        <source>Disc %1 of %2 was not recorded: %3 The discs before it (%4) are recorded and verified; burn again for the albums left.</source>
        <translation>Disc %1 von %2 wurde nicht gebrannt: %3 Die Discs davor (%4) sind gebrannt und geprüft; brennen Sie die übrigen Alben erneut.</translation>
    </message>
    <message>
        <source>The disc in %1 does not hold the photos its manifest lists (%2): their stored originals are damaged, or changed while burning, since their bytes are not those handed in. Nothing was recorded; the albums stay expired. Run keepsakectl check, and hand damaged photos in again from the customer&apos;s card or a backup.</source>
        <translation>Die Disc in %1 enthält nicht die Fotos, die ihr Verzeichnis nennt (%2): Ihre gespeicherten Originale sind beschädigt oder haben sich beim Brennen geändert, denn ihre Bytes sind nicht die abgegebenen. Es wurde nichts aufgezeichnet; die Alben bleiben abgelaufen. Führen Sie keepsakectl check aus und geben Sie beschädigte Fotos von der Karte des Kunden oder einer Sicherung erneut ab.</translation>
    </message>
</context>
<context>
    <name>Keepsake::Cameras</name>
    <message>
        <source>The camera&apos;s body serial &quot;%1&quot; (make &quot;%2&quot;) is not usable: give the serial as the camera shows it, on one line, at most 64 characters.</source>
        <translation>Die Gehäuse-Seriennummer „%1“ der Kamera (Hersteller „%2“) ist nicht verwendbar: Geben Sie die Seriennummer so an, wie die Kamera sie zeigt, in einer Zeile, höchstens 64 Zeichen.</translation>
    </message>
    <message>
        <source>The camera %1 is registered already. Remove it first (keepsakectl camera remove --serial %1) to register it for another device.</source>
        <translation>Die Kamera %1 ist bereits registriert. Entfernen Sie sie zuerst (keepsakectl camera remove --serial %1), um sie für ein anderes Gerät zu registrieren.</translation>
    </message>
    <message>
        <source>The camera %1 was registered but cannot be read back.</source>
        <translation>Die Kamera %1 wurde registriert, kann aber nicht zurückgelesen werden.</translation>
    </message>
    <message>
        <source>No camera with the body serial %1 is registered. See: keepsakectl camera list</source>
        <translation>Es ist keine Kamera mit der Gehäuse-Seriennummer %1 registriert. Siehe: keepsakectl camera list</translation>
    </message>
</context>
<context>
    <name>Keepsake::CaptionedPhotos</name>
    <message>
        <source>★ %1</source>
        <translation>★ %1</translation>
    </message>
    <message>
        <source>%1
Caption: %2</source>
        <translation>%1
Bildunterschrift: %2</translation>
    </message>
</context>
<context>
    <name>Keepsake::CardWalk</name>
    <message>
        <source>it is a symbolic link to the folder %1; only folders on the card itself are looked into: copy the photos onto the card instead</source>
        <translation>es ist ein symbolischer Link auf den Ordner %1; nur Ordner auf der Karte selbst werden durchsucht: Kopieren Sie die Fotos stattdessen auf die Karte</translation>
    </message>
    <message>
        <source>it is a symbolic link (to %1); only files stored on the card itself are taken in: copy the photo onto the card instead</source>
        <translation>es ist ein symbolischer Link (auf %1); nur Dateien auf der Karte selbst werden übernommen: Kopieren Sie das Foto stattdessen auf die Karte</translation>
    </message>
    <message>
        <source>it is a named pipe (FIFO), not a file; nothing was read from it</source>
        <translation>es ist eine benannte Pipe (FIFO), keine Datei; nichts wurde daraus gelesen</translation>
    </message>
    <message>
        <source>it is a socket, not a file; nothing was read from it</source>
        <translation>es ist ein Socket, keine Datei; nichts wurde daraus gelesen</translation>
    </message>
    <message>
        <source>it is a device file, not a photo; nothing was read from it</source>
        <translation>es ist eine Gerätedatei, kein Foto; nichts wurde daraus gelesen</translation>
    </message>
    <message>
        <source>it is not a regular file; nothing was read from it</source>
        <translation>es ist keine gewöhnliche Datei; nichts wurde daraus gelesen</translation>
    </message>
    <message>
        <source>the folder cannot be read (%1), so none of its photos were taken in; check its permissions and hand the card in again</source>
        <translation>der Ordner kann nicht gelesen werden (%1), daher wurde keines seiner Fotos übernommen; prüfen Sie seine Berechtigungen und geben Sie die Karte erneut ab</translation>
    </message>
    <message>
        <source>its path leads outside the folder handed in; nothing was read from it</source>
        <translation>sein Pfad führt aus dem abgegebenen Ordner hinaus; nichts wurde daraus gelesen</translation>
    </message>
    <message>
        <source>the file cannot be read (%1)</source>
        <translation>die Datei kann nicht gelesen werden (%1)</translation>
    </message>
</context>
<context>
    <name>Keepsake::Catalog</name>
    <message>
        <source>The folder %1 for the catalog cannot be created. Check the data folder&apos;s permissions.</source>
        <translation>Der Ordner %1 für den Katalog kann nicht angelegt werden. Prüfen Sie die Rechte des Datenordners.</translation>
    </message>
    <message>
        <source>The catalog %1 cannot be opened: %2. Check that it exists and that its server is running.</source>
        <translation>Der Katalog %1 kann nicht geöffnet werden: %2. Prüfen Sie, ob er existiert und sein Server läuft.</translation>
    </message>
    <message>
        <source>The catalog %1 cannot start a change: %2.</source>
        <translation>Der Katalog %1 kann keine Änderung beginnen: %2.</translation>
    </message>
    <message>
        <source>The catalog %1 did not keep a change: %2. Nothing was half-done; try again.</source>
        <translation>Der Katalog %1 hat eine Änderung nicht behalten: %2. Nichts ist halb erledigt; versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The catalog %1 was made by a newer Keepsake (schema %2; this program knows up to %3). Update Keepsake.</source>
        <translation>Der Katalog %1 wurde von einem neueren Keepsake erstellt (Schema %2; dieses Programm kennt bis %3). Aktualisieren Sie Keepsake.</translation>
    </message>
    <message>
        <source>The catalog refused a change (%1). Check that the catalog is reachable and that this program may change it.</source>
        <translation>Der Katalog hat eine Änderung abgelehnt (%1). Prüfen Sie, ob der Katalog erreichbar ist und dieses Programm ihn ändern darf.</translation>
    </message>
    <message>
        <source>The catalog refused a change or a query (%1). Check that the catalog is reachable and not full; nothing was half-changed.</source>
        <translation>Der Katalog hat eine Änderung oder Abfrage abgelehnt (%1). Prüfen Sie, ob der Katalog erreichbar und nicht voll ist; nichts wurde halb geändert.</translation>
    </message>
    <message>
        <source>The catalog has no change counter (catalog_version). Open it once with this version of Keepsake to bring its schema up to date.</source>
        <translation>Der Katalog hat keinen Änderungszähler (catalog_version). Öffnen Sie ihn einmal mit dieser Version von Keepsake, um sein Schema zu aktualisieren.</translation>
    </message>
</context>
<context>
    <name>Keepsake::CatalogUrl</name>
    <message>
        <source>The catalog URL &quot;%1&quot; names no file: write sqlite:/path/to/catalog.sqlite.</source>
        <translation>Die Katalog-URL „%1“ nennt keine Datei: Schreiben Sie sqlite:/pfad/zum/katalog.sqlite.</translation>
    </message>
    <message>
        <source>The catalog URL &quot;%1&quot; is not understood: use sqlite:PATH or postgresql://USER[:PASS]@HOST:PORT/DB.</source>
        <translation>Die Katalog-URL „%1“ ist unverständlich: Verwenden Sie sqlite:PFAD oder postgresql://BENUTZER[:PASSWORT]@HOST:PORT/DB.</translation>
    </message>
    <message>
        <source>The catalog URL &quot;%1&quot; needs a user and a database name: postgresql://USER@HOST:PORT/DB.</source>
        <translation>Die Katalog-URL „%1“ braucht einen Benutzer und einen Datenbanknamen: postgresql://BENUTZER@HOST:PORT/DB.</translation>
    </message>
</context>
<context>
    <name>Keepsake::ChainFiles</name>
    <message>
        <source>Device %1 cannot read its own certificate, so it cannot fetch the photos other devices keep: %2</source>
        <translation>Gerät %1 kann sein eigenes Zertifikat nicht lesen und daher keine Fotos abrufen, die andere Geräte aufbewahren: %2</translation>
    </message>
    <message>
        <source>Device %1 does not hold the file %2. Run keepsakectl check on device %1.</source>
        <translation>Gerät %1 hat die Datei %2 nicht. Führen Sie keepsakectl check auf Gerät %1 aus.</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2. Make room in the data folder.</source>
        <translation>%1 kann nicht geschrieben werden: %2. Schaffen Sie Platz im Datenordner.</translation>
    </message>
    <message>
        <source>The copy of file %1 from device %2 does not match its SHA-256 (%3 of %4 bytes came). Run keepsakectl check on device %2.</source>
        <translation>Die Kopie der Datei %1 von Gerät %2 passt nicht zu ihrer SHA-256 (%3 von %4 Bytes kamen an). Führen Sie keepsakectl check auf Gerät %2 aus.</translation>
    </message>
    <message>
        <source>Device %1 is still making the thumbnail of file %2: try again in a moment.</source>
        <translation>Gerät %1 erstellt noch das Vorschaubild der Datei %2: Versuchen Sie es gleich noch einmal.</translation>
    </message>
</context>
<context>
    <name>Keepsake::ChainRecords</name>
    <message>
        <source>%1  (this data folder)</source>
        <translation>%1  (dieser Datenordner)</translation>
    </message>
    <message>
        <source>%1  %2  paired %3, last seen %4</source>
        <translation>%1  %2  gekoppelt %3, zuletzt gesehen %4</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>%1  %2  → device %3</source>
        <translation>%1  %2  → Gerät %3</translation>
    </message>
    <message>
        <source>(any make)</source>
        <translation>(beliebiger Hersteller)</translation>
    </message>
    <message numerus="yes">
        <source>photo %1 (%2) → %3, waiting since %4, %n attempt(s)</source>
        <translation>
            <numerusform>Foto %1 (%2) → %3, wartet seit %4, %n Versuch</numerusform>
            <numerusform>Foto %1 (%2) → %3, wartet seit %4, %n Versuche</numerusform>
        </translation>
    </message>
    <message>
        <source>; last error: %1</source>
        <translation>; letzter Fehler: %1</translation>
    </message>
</context>
<context>
    <name>Keepsake::ClientMode</name>
    <message numerus="yes">
        <source>%1  %2  [%3]  %n photo(s), %4 — %5</source>
        <translation>
            <numerusform>%1  %2  [%3]  %n Foto, %4 — %5</numerusform>
            <numerusform>%1  %2  [%3]  %n Fotos, %4 — %5</numerusform>
        </translation>
    </message>
    <message>
        <source>(no date)</source>
        <translation>(kein Datum)</translation>
    </message>
    <message>
        <source>(unknown camera)</source>
        <translation>(unbekannte Kamera)</translation>
    </message>
    <message numerus="yes">
        <source>%n album(s)</source>
        <translation>
            <numerusform>%n Album</numerusform>
            <numerusform>%n Alben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) in album %1</source>
        <translation>
            <numerusform>%n Foto in Album %1</numerusform>
            <numerusform>%n Fotos in Album %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Device:    %1
Customers: %2
Photos:    %3 in %4 stored files, %5</source>
        <translation>Gerät:  %1
Kunden: %2
Fotos:  %3 in %4 gespeicherten Dateien, %5</translation>
    </message>
    <message>
        <source>photo %1 to %2, waiting since %3, %4 attempt(s)%5</source>
        <translation>Foto %1 an %2, wartet seit %3, %4 Versuch(e)%5</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) waiting to be forwarded</source>
        <translation>
            <numerusform>%n Foto wartet auf Weiterleitung</numerusform>
            <numerusform>%n Fotos warten auf Weiterleitung</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Keepsake::ConfigAuditCommands</name>
    <message>
        <source>settings kept in the catalog: set, get, list</source>
        <translation>im Katalog gespeicherte Einstellungen: set, get, list</translation>
    </message>
    <message>
        <source>Reads and changes the lab&apos;s settings (mail server, notice window, grace period, default rule).</source>
        <translation>Liest und ändert die Einstellungen des Labors (Mailserver, Hinweisfrist, Frist nach dem Brennen, Standardregel).</translation>
    </message>
    <message>
        <source>the setting, e.g. smtp.host</source>
        <translation>die Einstellung, z. B. smtp.host</translation>
    </message>
    <message>
        <source>KEY</source>
        <translation>SCHLÜSSEL</translation>
    </message>
    <message>
        <source>its new value (set)</source>
        <translation>ihr neuer Wert (set)</translation>
    </message>
    <message>
        <source>VALUE</source>
        <translation>WERT</translation>
    </message>
    <message>
        <source>Use: config set KEY VALUE, config get KEY, config unset KEY or config list. See: keepsakectl config --help</source>
        <translation>Verwenden Sie: config set SCHLÜSSEL WERT, config get SCHLÜSSEL, config unset SCHLÜSSEL oder config list. Siehe: keepsakectl config --help</translation>
    </message>
    <message>
        <source> (default)</source>
        <translation> (Standard)</translation>
    </message>
    <message>
        <source>%1 is set.</source>
        <translation>%1 ist gesetzt.</translation>
    </message>
    <message>
        <source>%1 is back to its default.</source>
        <translation>%1 ist wieder auf dem Standardwert.</translation>
    </message>
    <message>
        <source>the audit trail: who did what, when</source>
        <translation>das Protokoll: wer hat was wann getan</translation>
    </message>
    <message>
        <source>Shows the audit trail: hand-ins, shares, notices sent or failed, extensions, recordings, verifications, restores, deletions.</source>
        <translation>Zeigt das Protokoll: Abgaben, Freigaben, gesendete oder fehlgeschlagene Hinweise, Verlängerungen, Brennvorgänge, Prüfungen, Wiederherstellungen, Löschungen.</translation>
    </message>
    <message>
        <source>only this customer</source>
        <translation>nur dieser Kunde</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>only this album</source>
        <translation>nur dieses Album</translation>
    </message>
    <message>
        <source>ALBUM</source>
        <translation>ALBUM</translation>
    </message>
    <message>
        <source>only from this day (or ISO time) on</source>
        <translation>erst ab diesem Tag (oder ISO-Zeitpunkt)</translation>
    </message>
    <message>
        <source>DATE</source>
        <translation>DATUM</translation>
    </message>
    <message>
        <source>--since takes a date like 2026-01-31, not &quot;%1&quot;.</source>
        <translation>--since erwartet ein Datum wie 2026-01-31, nicht „%1“.</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies)</source>
        <translation>
            <numerusform>%n Eintrag</numerusform>
            <numerusform>%n Einträge</numerusform>
        </translation>
    </message>
    <message>
        <source>  album %1</source>
        <translation>  Album %1</translation>
    </message>
</context>
<context>
    <name>Keepsake::Console</name>
    <message>
        <source>keepsakectl: %1</source>
        <translation>keepsakectl: %1</translation>
    </message>
    <message>
        <source>, %1:%2 left</source>
        <translation>, noch %1:%2</translation>
    </message>
</context>
<context>
    <name>Keepsake::CounterWindow</name>
    <message>
        <source>Keepsake — Counter</source>
        <translation>Keepsake — Theke</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation>Datenordner: %1</translation>
    </message>
    <message>
        <source>&amp;Lab</source>
        <translation>&amp;Labor</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Brennen</translation>
    </message>
    <message>
        <source>&amp;Audit trail…</source>
        <translation>&amp;Protokoll …</translation>
    </message>
    <message>
        <source>Mail settings…</source>
        <translation>Mail-Einstellungen …</translation>
    </message>
    <message>
        <source>&amp;Customer</source>
        <translation>&amp;Kunde</translation>
    </message>
</context>
<context>
    <name>Keepsake::Ctl</name>
    <message>
        <source>Usage: %1</source>
        <translation>Aufruf: %1</translation>
    </message>
    <message>
        <source>
Example:
  %1
</source>
        <translation>
Beispiel:
  %1
</translation>
    </message>
    <message>
        <source>%1
See: %2 --help</source>
        <translation>%1
Siehe: %2 --help</translation>
    </message>
    <message>
        <source>%1 needs a value.</source>
        <translation>%1 braucht einen Wert.</translation>
    </message>
    <message>
        <source>
&apos;keepsakectl COMMAND --help&apos; shows a command&apos;s options and an example.
</source>
        <translation>
„keepsakectl BEFEHL --help“ zeigt die Optionen eines Befehls und ein Beispiel.
</translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;. See: keepsakectl --help</source>
        <translation>Unbekannter Befehl „%1“. Siehe: keepsakectl --help</translation>
    </message>
    <message>
        <source>keepsakectl %1 runs on a data folder, not against a device (--device): run it on the device itself.</source>
        <translation>keepsakectl %1 arbeitet mit einem Datenordner, nicht mit einem Gerät über --device: Führen Sie es auf dem Gerät selbst aus.</translation>
    </message>
    <message>
        <source>--device takes the device&apos;s address as https://HOST:PORT, not &quot;%1&quot;.</source>
        <translation>--device erwartet die Adresse des Geräts als https://HOST:PORT, nicht „%1“.</translation>
    </message>
    <message>
        <source>--device needs the device&apos;s certificate fingerprint (--fingerprint) and this terminal&apos;s token (--token), as keepsakectl terminal add printed them on the device.</source>
        <translation>--device braucht den Zertifikat-Fingerabdruck des Geräts (--fingerprint) und das Token dieses Terminals (--token), wie keepsakectl terminal add sie auf dem Gerät ausgegeben hat.</translation>
    </message>
    <message>
        <source>Usage: keepsakectl [--data-dir DIR] [--catalog URL] [--json] [--quiet] COMMAND ...

Runs Keepsake&apos;s jobs without a window: hand-ins, checks, and later expiry, discs and prints.

Global options (before or after the command):
  --data-dir DIR   the lab&apos;s data folder (or KEEPSAKE_DATA_DIR; default %1)
  --catalog URL    sqlite:PATH or postgresql://USER@HOST:PORT/DB (or KEEPSAKE_CATALOG)
  --json           one JSON object per line on stdout
  --quiet          no progress, errors only
  --device URL     run against a device service (or KEEPSAKE_DEVICE), with
  --fingerprint FP its certificate&apos;s SHA-256 (or KEEPSAKE_DEVICE_FINGERPRINT) and
  --token TOKEN    this terminal&apos;s token (or KEEPSAKE_DEVICE_TOKEN)
  --help, --version

Commands:
</source>
        <translation>Aufruf: keepsakectl [--data-dir ORDNER] [--catalog URL] [--json] [--quiet] BEFEHL ...

Führt die Aufgaben von Keepsake ohne Fenster aus: Abgaben, Prüfungen und später Ablauf, Discs und Drucke.

Globale Optionen (vor oder nach dem Befehl):
  --data-dir ORDNER  der Datenordner des Labors (oder KEEPSAKE_DATA_DIR; Standard %1)
  --catalog URL      sqlite:PFAD oder postgresql://BENUTZER@HOST:PORT/DB (oder KEEPSAKE_CATALOG)
  --json             ein JSON-Objekt pro Zeile auf stdout
  --quiet            kein Fortschritt, nur Fehler
  --device URL       mit einem Gerätedienst arbeiten (oder KEEPSAKE_DEVICE), mit
  --fingerprint FP   der SHA-256 seines Zertifikats (oder KEEPSAKE_DEVICE_FINGERPRINT) und
  --token TOKEN      dem Token dieses Terminals (oder KEEPSAKE_DEVICE_TOKEN)
  --help, --version

Befehle:
</translation>
    </message>
</context>
<context>
    <name>Keepsake::CustomerCommand</name>
    <message>
        <source>Adds a customer to the lab&apos;s catalog.</source>
        <translation>Fügt einen Kunden zum Katalog des Labors hinzu.</translation>
    </message>
    <message>
        <source>the customer code printed on receipts (e.g. K-00042)</source>
        <translation>die auf Belegen gedruckte Kundennummer (z. B. K-00042)</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>the customer&apos;s name</source>
        <translation>der Name des Kunden</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>e-mail address for notices</source>
        <translation>E-Mail-Adresse für Hinweise</translation>
    </message>
    <message>
        <source>E</source>
        <translation>E</translation>
    </message>
    <message>
        <source>phone number</source>
        <translation>Telefonnummer</translation>
    </message>
    <message>
        <source>P</source>
        <translation>P</translation>
    </message>
    <message>
        <source>PIN for the kiosk, 4 to 8 digits</source>
        <translation>PIN für das Terminal, 4 bis 8 Ziffern</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>language for notices and prints (en, de, ja)</source>
        <translation>Sprache für Hinweise und Drucke (en, de, ja)</translation>
    </message>
    <message>
        <source>LANG</source>
        <translation>SPRACHE</translation>
    </message>
    <message>
        <source>A customer needs --code and --name.</source>
        <translation>Ein Kunde braucht --code und --name.</translation>
    </message>
    <message>
        <source>Added customer %1</source>
        <translation>Kunde %1 angelegt</translation>
    </message>
    <message>
        <source>Lists every customer.</source>
        <translation>Listet alle Kunden.</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n Kunde</numerusform>
            <numerusform>%n Kunden</numerusform>
        </translation>
    </message>
    <message>
        <source>Shows a customer and the albums they can reach.</source>
        <translation>Zeigt einen Kunden und die Alben, die er erreichen kann.</translation>
    </message>
    <message>
        <source>the customer code</source>
        <translation>die Kundennummer</translation>
    </message>
    <message>
        <source>Name one customer code.</source>
        <translation>Nennen Sie eine Kundennummer.</translation>
    </message>
    <message>
        <source>home: %1</source>
        <translation>Heimatgerät: %1</translation>
    </message>
    <message>
        <source>add, change, list and show customers</source>
        <translation>Kunden anlegen, ändern, auflisten und zeigen</translation>
    </message>
    <message>
        <source>Usage: keepsakectl customer add|set|list|show ...
  add    a new customer
  set    change a customer&apos;s data
  list   every customer
  show   one customer with their albums
Example:
  keepsakectl customer add --code C1 --name &quot;Anna Berg&quot; --email anna@example.org
</source>
        <translation>Aufruf: keepsakectl customer add|set|list|show ...
  add    ein neuer Kunde
  set    die Daten eines Kunden ändern
  list   alle Kunden
  show   ein Kunde mit seinen Alben
Beispiel:
  keepsakectl customer add --code C1 --name &quot;Anna Berg&quot; --email anna@example.org
</translation>
    </message>
    <message>
        <source>Say what to do with customers: add, set, list or show. See: keepsakectl customer --help</source>
        <translation>Sagen Sie, was mit Kunden geschehen soll: add, set, list oder show. Siehe: keepsakectl customer --help</translation>
    </message>
    <message>
        <source>the device that keeps the customer&apos;s photos</source>
        <translation>das Gerät, das die Fotos des Kunden aufbewahrt</translation>
    </message>
    <message>
        <source>DEVICE</source>
        <translation>GERÄT</translation>
    </message>
    <message>
        <source>Changes a customer&apos;s data; what is not given stays. An empty value (&quot;&quot;) removes an e-mail, phone, PIN, language, plan or home device.</source>
        <translation>Ändert die Daten eines Kunden; was nicht angegeben wird, bleibt. Ein leerer Wert (&quot;&quot;) entfernt E-Mail, Telefon, PIN, Sprache, Tarif oder Heimatgerät.</translation>
    </message>
    <message>
        <source>the retention rule new albums get</source>
        <translation>die Aufbewahrungsregel für neue Alben</translation>
    </message>
    <message>
        <source>RULE</source>
        <translation>REGEL</translation>
    </message>
    <message>
        <source>Changed customer %1</source>
        <translation>Kunde %1 geändert</translation>
    </message>
</context>
<context>
    <name>Keepsake::CustomerDialog</name>
    <message>
        <source>New customer</source>
        <translation>Neuer Kunde</translation>
    </message>
    <message>
        <source>Customer %1</source>
        <translation>Kunde %1</translation>
    </message>
    <message>
        <source>Add customer</source>
        <translation>Kunde anlegen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Customer code:</source>
        <translation>Kundennummer:</translation>
    </message>
    <message>
        <source>as on the customer&apos;s card, e.g. K-00042</source>
        <translation>wie auf der Kundenkarte, z. B. K-00042</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation>E-Mail:</translation>
    </message>
    <message>
        <source>for notices before albums expire</source>
        <translation>für Hinweise, bevor Alben ablaufen</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>Telefon:</translation>
    </message>
    <message>
        <source>PIN:</source>
        <translation>PIN:</translation>
    </message>
    <message>
        <source>4 to 8 digits, to sign in at the kiosk (may stay empty)</source>
        <translation>4 bis 8 Ziffern, zum Anmelden am Kiosk (darf leer bleiben)</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <source>Plan:</source>
        <translation>Tarif:</translation>
    </message>
    <message>
        <source>Home device:</source>
        <translation>Stammgerät:</translation>
    </message>
    <message>
        <source>The lab&apos;s language</source>
        <translation>Sprache des Labors</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>None: the lab&apos;s default rule</source>
        <translation>Keiner: Standardregel des Labors</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keines</translation>
    </message>
</context>
<context>
    <name>Keepsake::CustomerEditor</name>
    <message>
        <source>New customer…</source>
        <translation>Neuer Kunde…</translation>
    </message>
    <message>
        <source>Add a customer: code, name, contact, language and plan</source>
        <translation>Kunden anlegen: Nummer, Name, Kontakt, Sprache und Tarif</translation>
    </message>
    <message>
        <source>Edit customer…</source>
        <translation>Kunde bearbeiten…</translation>
    </message>
    <message>
        <source>Change the name, contact, language or plan of the customer on show</source>
        <translation>Name, Kontakt, Sprache oder Tarif des angezeigten Kunden ändern</translation>
    </message>
    <message>
        <source>Reset PIN…</source>
        <translation>PIN zurücksetzen…</translation>
    </message>
    <message>
        <source>Give the customer on show a new PIN for the kiosk</source>
        <translation>Dem angezeigten Kunden eine neue PIN für den Kiosk geben</translation>
    </message>
    <message>
        <source>Added customer %1 — %2.</source>
        <translation>Kunde %1 — %2 angelegt.</translation>
    </message>
    <message>
        <source>Saved the details of %1 — %2.</source>
        <translation>Angaben zu %1 — %2 gespeichert.</translation>
    </message>
    <message>
        <source>%1 — %2 has a new PIN.</source>
        <translation>%1 — %2 hat eine neue PIN.</translation>
    </message>
</context>
<context>
    <name>Keepsake::CustomerEdits</name>
    <message>
        <source>There is no retention rule named &quot;%1&quot;. See: keepsakectl rule list</source>
        <translation>Es gibt keine Aufbewahrungsregel namens „%1“. Siehe: keepsakectl rule list</translation>
    </message>
    <message>
        <source>Customer %1 was not changed: %2 may not change this (a customer changes only their own name, contact, language and PIN; plan and home device are the lab&apos;s). Ask at the counter.</source>
        <translation>Kunde %1 wurde nicht geändert: %2 darf das nicht ändern (ein Kunde ändert nur den eigenen Namen, Kontakt, Sprache und PIN; Tarif und Heimatgerät legt das Labor fest). Fragen Sie an der Theke.</translation>
    </message>
    <message>
        <source>Say what to change of customer %1: --name, --email, --phone, --pin, --lang, --plan or --home.</source>
        <translation>Sagen Sie, was an Kunde %1 geändert werden soll: --name, --email, --phone, --pin, --lang, --plan oder --home.</translation>
    </message>
    <message>
        <source>The customer %1 needs a name: it cannot be removed.</source>
        <translation>Der Kunde %1 braucht einen Namen: Er kann nicht entfernt werden.</translation>
    </message>
    <message>
        <source>Customer %1 was not added: %2 may not add customers. New customers register at a kiosk or at the counter.</source>
        <translation>Kunde %1 wurde nicht angelegt: %2 darf keine Kunden anlegen. Neue Kunden registrieren sich an einem Kiosk oder an der Theke.</translation>
    </message>
</context>
<context>
    <name>Keepsake::CustomerPanel</name>
    <message>
        <source>Choose a customer on the left.</source>
        <translation>Wählen Sie links einen Kunden.</translation>
    </message>
    <message>
        <source>Album</source>
        <translation>Album</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Warum</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>Fotos</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Shared with</source>
        <translation>Geteilt mit</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>Hinweise</translation>
    </message>
    <message>
        <source>Disc</source>
        <translation>Disc</translation>
    </message>
    <message>
        <source>Hand in photos…</source>
        <translation>Fotos abgeben …</translation>
    </message>
    <message>
        <source>Record to disc…</source>
        <translation>Auf Disc brennen …</translation>
    </message>
    <message>
        <source>Index print…</source>
        <translation>Indexprint …</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Extend…</source>
        <translation>Verlängern …</translation>
    </message>
    <message>
        <source>Re-send notice</source>
        <translation>Hinweis erneut senden</translation>
    </message>
    <message>
        <source>Audit trail…</source>
        <translation>Protokoll …</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>Phone: %1</source>
        <translation>Telefon: %1</translation>
    </message>
    <message>
        <source>E-mail: %1</source>
        <translation>E-Mail: %1</translation>
    </message>
    <message>
        <source>Plan: %1</source>
        <translation>Tarif: %1</translation>
    </message>
    <message>
        <source>Customer since %1</source>
        <translation>Kunde seit %1</translation>
    </message>
    <message>
        <source>%1 (shared by %2)</source>
        <translation>%1 (geteilt von %2)</translation>
    </message>
    <message numerus="yes">
        <source>All %n photo(s) of the customer</source>
        <translation>
            <numerusform>Das %n Foto des Kunden</numerusform>
            <numerusform>Alle %n Fotos des Kunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) in the chosen albums</source>
        <translation>
            <numerusform>%n Foto in den gewählten Alben</numerusform>
            <numerusform>%n Fotos in den gewählten Alben</numerusform>
        </translation>
    </message>
    <message>
        <source>Hand in photos from</source>
        <translation>Fotos abgeben aus</translation>
    </message>
    <message>
        <source>%1 of %2 files</source>
        <translation>%1 von %2 Dateien</translation>
    </message>
    <message>
        <source>%1 new, %2 already handed in, %3 new versions, %4 rejected.</source>
        <translation>%1 neu, %2 schon abgegeben, %3 neue Versionen, %4 abgelehnt.</translation>
    </message>
    <message>
        <source>Handing in photos for %1</source>
        <translation>Fotos werden für %1 abgegeben</translation>
    </message>
    <message numerus="yes">
        <source>%n sent</source>
        <translation>
            <numerusform>%n gesendet</numerusform>
            <numerusform>%n gesendet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n wartet</numerusform>
            <numerusform>%n warten</numerusform>
        </translation>
    </message>
    <message>
        <source>The albums were not changed</source>
        <translation>Die Alben wurden nicht geändert</translation>
    </message>
    <message>
        <source>Bring %1 back from the grace period? The album becomes active again and is dated by its rule from today; its disc stays recorded.</source>
        <translation>%1 aus der Frist zurückholen? Das Album wird wieder aktiv und nach seiner Regel ab heute datiert; seine Disc bleibt gebrannt.</translation>
    </message>
    <message>
        <source>Restored: %1.</source>
        <translation>Zurückgeholt: %1.</translation>
    </message>
    <message>
        <source>Extend</source>
        <translation>Verlängern</translation>
    </message>
    <message>
        <source>Keep the chosen album(s) how many days longer?</source>
        <translation>Die gewählten Alben wie viele Tage länger aufbewahren?</translation>
    </message>
    <message numerus="yes">
        <source>Extended by %n day(s).</source>
        <translation>
            <numerusform>Um %n Tag verlängert.</numerusform>
            <numerusform>Um %n Tage verlängert.</numerusform>
        </translation>
    </message>
    <message>
        <source>No mail server is set up: enter one under Lab › Settings.</source>
        <translation>Es ist kein Mailserver eingerichtet: Tragen Sie einen unter Labor › Einstellungen ein.</translation>
    </message>
    <message>
        <source>Index print</source>
        <translation>Indexprint</translation>
    </message>
    <message>
        <source>copy deleted on %1</source>
        <translation>Kopie gelöscht am %1</translation>
    </message>
    <message>
        <source>Kept until</source>
        <translation>Aufbewahrt bis</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Beleg</translation>
    </message>
    <message numerus="yes">
        <source>The card may be removed: %n photo(s) stored. Making thumbnails…</source>
        <translation>
            <numerusform>Die Karte kann entnommen werden: %n Foto gespeichert. Vorschaubilder werden erstellt …</numerusform>
            <numerusform>Die Karte kann entnommen werden: %n Fotos gespeichert. Vorschaubilder werden erstellt …</numerusform>
        </translation>
    </message>
    <message>
        <source>The card may be removed. Thumbnails: %1 of %2.</source>
        <translation>Die Karte kann entnommen werden. Vorschaubilder: %1 von %2.</translation>
    </message>
    <message>
        <source>Find a customer by code, name, phone or e-mail, or an order by its pickup code</source>
        <translation>Kunden nach Nummer, Name, Telefon oder E-Mail suchen oder einen Auftrag nach Abholcode</translation>
    </message>
    <message>
        <source>Notices about %1: %2 sent, %3 failed, %4 waiting.</source>
        <translation>Hinweise zu %1: %2 gesendet, %3 fehlgeschlagen, %4 wartend.</translation>
    </message>
    <message>
        <source>Pickup code %1: %2 — %3 (%4).</source>
        <translation>Abholcode %1: %2 — %3 (%4).</translation>
    </message>
</context>
<context>
    <name>Keepsake::Customers</name>
    <message>
        <source>There is already a customer with the code %1.</source>
        <translation>Es gibt bereits einen Kunden mit der Nummer %1.</translation>
    </message>
    <message>
        <source>There is no customer with the code %1. Check the code, or add the customer first.</source>
        <translation>Es gibt keinen Kunden mit der Nummer %1. Prüfen Sie die Nummer oder legen Sie den Kunden zuerst an.</translation>
    </message>
    <message>
        <source>There is no customer number %1.</source>
        <translation>Es gibt keine Kundennummer %1.</translation>
    </message>
    <message>
        <source>The customers cannot be read from the catalog: %1.</source>
        <translation>Die Kunden können nicht aus dem Katalog gelesen werden: %1.</translation>
    </message>
    <message>
        <source>The customer code &quot;%1&quot; is not usable: use 1 to 32 letters, digits, dots, dashes or underscores, e.g. K-00042.</source>
        <translation>Die Kundennummer „%1“ ist nicht verwendbar: Verwenden Sie 1 bis 32 Buchstaben, Ziffern, Punkte, Bindestriche oder Unterstriche, z. B. K-00042.</translation>
    </message>
    <message>
        <source>The customer %1 needs a name.</source>
        <translation>Der Kunde %1 braucht einen Namen.</translation>
    </message>
    <message>
        <source>A PIN has 4 to 8 digits.</source>
        <translation>Eine PIN hat 4 bis 8 Ziffern.</translation>
    </message>
    <message>
        <source>The name of customer %1 holds a line break or another control character: type it on one line.</source>
        <translation>Der Name von Kunde %1 enthält einen Zeilenumbruch oder ein anderes Steuerzeichen: Geben Sie ihn in einer Zeile ein.</translation>
    </message>
</context>
<context>
    <name>Keepsake::DashboardPanel</name>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Album</source>
        <translation>Album</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>Fotos</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Warum</translation>
    </message>
    <message>
        <source>Expiring soon</source>
        <translation>Läuft bald ab</translation>
    </message>
    <message>
        <source>Expired, waiting for their disc</source>
        <translation>Abgelaufen, warten auf ihre Disc</translation>
    </message>
    <message>
        <source>In their grace period after recording</source>
        <translation>In der Frist nach dem Brennen</translation>
    </message>
    <message>
        <source>Notices that failed</source>
        <translation>Nicht zugestellte Hinweise</translation>
    </message>
    <message numerus="yes">
        <source>%n album(s)</source>
        <translation>
            <numerusform>%n Album</numerusform>
            <numerusform>%n Alben</numerusform>
        </translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Angemeldet</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Record to disc…</source>
        <translation>Auf Disc brennen …</translation>
    </message>
    <message>
        <source>Confirm registration</source>
        <translation>Anmeldung bestätigen</translation>
    </message>
    <message>
        <source>Registered at the kiosk, to confirm</source>
        <translation>Am Terminal angemeldet, zu bestätigen</translation>
    </message>
    <message>
        <source>Registration of %1 confirmed.</source>
        <translation>Anmeldung von %1 bestätigt.</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Begonnen</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Was geschah</translation>
    </message>
    <message>
        <source>Photos stored</source>
        <translation>Gespeicherte Fotos</translation>
    </message>
    <message>
        <source>Hand-ins that stopped: hand these cards in again</source>
        <translation>Abgebrochene Abgaben: diese Karten erneut abgeben</translation>
    </message>
    <message>
        <source>interrupted: the program ended before the hand-in did</source>
        <translation>unterbrochen: das Programm endete vor der Abgabe</translation>
    </message>
    <message>
        <source>stopped on an error</source>
        <translation>wegen eines Fehlers beendet</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Antwortet</translation>
    </message>
    <message>
        <source>Photos waiting to go there</source>
        <translation>Fotos, die noch dorthin sollen</translation>
    </message>
    <message>
        <source>Devices of the chain</source>
        <translation>Geräte der Kette</translation>
    </message>
    <message>
        <source>%1 (this device)</source>
        <translation>%1 (dieses Gerät)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Copy deleted on</source>
        <translation>Kopie gelöscht am</translation>
    </message>
    <message numerus="yes">
        <source>%n expiring soon</source>
        <translation>
            <numerusform>%n läuft bald ab</numerusform>
            <numerusform>%n laufen bald ab</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting for their disc</source>
        <translation>
            <numerusform>%n wartet auf seine Disc</numerusform>
            <numerusform>%n warten auf ihre Disc</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in their grace period</source>
        <translation>
            <numerusform>%n in seiner Frist</numerusform>
            <numerusform>%n in ihrer Frist</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed mail(s)</source>
        <translation>
            <numerusform>%n fehlgeschlagene Mail</numerusform>
            <numerusform>%n fehlgeschlagene Mails</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mail(s) waiting to go out</source>
        <translation>
            <numerusform>%n Mail wartet auf den Versand</numerusform>
            <numerusform>%n Mails warten auf den Versand</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n kiosk registration(s) to confirm</source>
        <translation>
            <numerusform>%n Terminal-Anmeldung zu bestätigen</numerusform>
            <numerusform>%n Terminal-Anmeldungen zu bestätigen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message numerus="yes">
        <source>%n mail(s) waiting</source>
        <translation>
            <numerusform>%n Mail wartet</numerusform>
            <numerusform>%n Mails warten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mail(s) failed</source>
        <translation>
            <numerusform>%n Mail fehlgeschlagen</numerusform>
            <numerusform>%n Mails fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — no mail server set</source>
        <translation>%1 — kein Mailserver eingerichtet</translation>
    </message>
    <message>
        <source>%1 — the mail server said: %2</source>
        <translation>%1 — der Mailserver meldete: %2</translation>
    </message>
    <message>
        <source>Enter the lab&apos;s mail server under Lab › Settings.</source>
        <translation>Tragen Sie den Mailserver des Labors unter Labor › Einstellungen ein.</translation>
    </message>
    <message>
        <source>Check the mail server under Lab › Settings, then Re-send notice.</source>
        <translation>Prüfen Sie den Mailserver unter Labor › Einstellungen und wählen Sie dann „Hinweis erneut senden“.</translation>
    </message>
    <message>
        <source>Recorded on %1</source>
        <translation>Gebrannt am %1</translation>
    </message>
</context>
<context>
    <name>Keepsake::DayDashboard</name>
    <message>
        <source>The day&apos;s albums cannot be read from the catalog: %1. Check that the catalog is reachable.</source>
        <translation>Die Alben des Tages können nicht aus dem Katalog gelesen werden: %1. Prüfen Sie, ob der Katalog erreichbar ist.</translation>
    </message>
    <message>
        <source>The day&apos;s hand-ins cannot be read from the catalog: %1. Check that the catalog is reachable.</source>
        <translation>Die Abgaben des Tages können nicht aus dem Katalog gelesen werden: %1. Prüfen Sie, ob der Katalog erreichbar ist.</translation>
    </message>
</context>
<context>
    <name>Keepsake::DeviceClient</name>
    <message>
        <source>The device answered something that is not JSON.</source>
        <translation>Das Gerät hat etwas geantwortet, das kein JSON ist.</translation>
    </message>
    <message>
        <source>The device&apos;s certificate fingerprint is missing or malformed: give the 64 hex digits that device init or terminal add printed (--fingerprint).</source>
        <translation>Der Zertifikat-Fingerabdruck des Geräts fehlt oder ist fehlerhaft: Geben Sie die 64 Hex-Ziffern an, die device init oder terminal add ausgegeben hat (--fingerprint).</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>libcurl could not start a transfer.</source>
        <translation>libcurl konnte keine Übertragung starten.</translation>
    </message>
    <message>
        <source>The device at %1 shows a certificate with fingerprint %2, not the pinned %3: nothing was sent. Check the device&apos;s address and fingerprint (keepsakectl device list on the device).</source>
        <translation>Das Gerät unter %1 zeigt ein Zertifikat mit dem Fingerabdruck %2, nicht mit dem festgelegten %3: Es wurde nichts gesendet. Prüfen Sie Adresse und Fingerabdruck des Geräts (keepsakectl device list auf dem Gerät).</translation>
    </message>
    <message>
        <source>The device at %1 answered more than a client takes.</source>
        <translation>Das Gerät unter %1 hat mehr geantwortet, als ein Client annimmt.</translation>
    </message>
    <message>
        <source>The device at %1 cannot be reached: %2.</source>
        <translation>Das Gerät unter %1 ist nicht erreichbar: %2.</translation>
    </message>
    <message>
        <source>The device at %1 refused this terminal: %2 Pair it again (keepsakectl terminal add on the device) and use the new token.</source>
        <translation>Das Gerät unter %1 hat dieses Terminal abgewiesen: %2 Koppeln Sie es erneut (keepsakectl terminal add auf dem Gerät) und verwenden Sie das neue Token.</translation>
    </message>
</context>
<context>
    <name>Keepsake::DeviceCommands</name>
    <message>
        <source>this data folder as a device of the chain: init, list, remove</source>
        <translation>dieser Datenordner als Gerät der Kette: init, list, remove</translation>
    </message>
    <message>
        <source>Usage: keepsakectl device init|list|remove ...
  init    make this data folder a device: key, certificate, registration
  list    the devices of this catalog
  remove  take a device that holds no photos out of the chain
Example:
  keepsakectl device init --name store-berlin --url https://192.168.1.20:8443
</source>
        <translation>Aufruf: keepsakectl device init|list|remove ...
  init    diesen Datenordner zu einem Gerät machen: Schlüssel, Zertifikat, Eintrag
  list    die Geräte dieses Katalogs
  remove  ein Gerät ohne Fotos aus der Kette nehmen
Beispiel:
  keepsakectl device init --name store-berlin --url https://192.168.1.20:8443
</translation>
    </message>
    <message>
        <source>Say what to do with devices: init, list or remove. See: keepsakectl device --help</source>
        <translation>Sagen Sie, was mit Geräten geschehen soll: init, list oder remove. Siehe: keepsakectl device --help</translation>
    </message>
    <message>
        <source>Makes this data folder a device of the chain: its TLS key (device-key.pem, readable by the owner only) and self-signed certificate (device-cert.pem), registered in the catalog with its URL and the certificate&apos;s fingerprint.</source>
        <translation>Macht diesen Datenordner zu einem Gerät der Kette: sein TLS-Schlüssel (device-key.pem, nur für den Besitzer lesbar) und sein selbstsigniertes Zertifikat (device-cert.pem), im Katalog eingetragen mit seiner URL und dem Fingerabdruck des Zertifikats.</translation>
    </message>
    <message>
        <source>the device&apos;s name in the chain</source>
        <translation>der Name des Geräts in der Kette</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>where terminals and the other devices reach it</source>
        <translation>wo Terminals und die anderen Geräte es erreichen</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>A device needs --name and --url (https://HOST:PORT).</source>
        <translation>Ein Gerät braucht --name und --url (https://HOST:PORT).</translation>
    </message>
    <message>
        <source>This data folder is now device %1 at %2.
Certificate fingerprint (SHA-256): %3</source>
        <translation>Dieser Datenordner ist jetzt Gerät %1 unter %2.
Zertifikat-Fingerabdruck (SHA-256): %3</translation>
    </message>
    <message>
        <source>
It kept the key and certificate it had.</source>
        <translation>
Schlüssel und Zertifikat, die er schon hatte, bleiben erhalten.</translation>
    </message>
    <message numerus="yes">
        <source>
%n photo(s) stored here before are now kept on this device.</source>
        <translation>
            <numerusform>
%n zuvor hier gespeichertes Foto wird jetzt auf diesem Gerät aufbewahrt.</numerusform>
            <numerusform>
%n zuvor hier gespeicherte Fotos werden jetzt auf diesem Gerät aufbewahrt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Lists the devices of this catalog.</source>
        <translation>Listet die Geräte dieses Katalogs.</translation>
    </message>
    <message numerus="yes">
        <source>%n device(s)</source>
        <translation>
            <numerusform>%n Gerät</numerusform>
            <numerusform>%n Geräte</numerusform>
        </translation>
    </message>
    <message>
        <source>Takes a device out of the chain: refused while it holds photos, owes or awaits forwards, or cameras or customers name it. Its terminals are revoked with it.</source>
        <translation>Nimmt ein Gerät aus der Kette: abgelehnt, solange es Fotos hat, Weiterleitungen schuldet oder erwartet oder Kameras oder Kunden es nennen. Seine Terminals werden mit ihm widerrufen.</translation>
    </message>
    <message>
        <source>the device&apos;s name</source>
        <translation>der Name des Geräts</translation>
    </message>
    <message>
        <source>Name one device to remove.</source>
        <translation>Nennen Sie ein Gerät, das entfernt werden soll.</translation>
    </message>
    <message>
        <source>Device %1 removed from the chain.</source>
        <translation>Gerät %1 aus der Kette entfernt.</translation>
    </message>
    <message>
        <source>terminals paired with this device: add, list, remove</source>
        <translation>mit diesem Gerät gekoppelte Terminals: add, list, remove</translation>
    </message>
    <message>
        <source>Usage: keepsakectl terminal add|list|remove ...
  add     pair a kiosk, station or counter with this device; shows its token once
  list    the terminals paired with this device
  remove  revoke a terminal&apos;s token at once
Example:
  keepsakectl terminal add kiosk-1 --kind kiosk
</source>
        <translation>Aufruf: keepsakectl terminal add|list|remove ...
  add     ein Foto-Terminal, eine Station oder Theke mit diesem Gerät koppeln; zeigt dessen Token einmal
  list    die mit diesem Gerät gekoppelten Terminals
  remove  das Token eines Terminals sofort widerrufen
Beispiel:
  keepsakectl terminal add kiosk-1 --kind kiosk
</translation>
    </message>
    <message>
        <source>Say what to do with terminals: add, list or remove. See: keepsakectl terminal --help</source>
        <translation>Sagen Sie, was mit Terminals geschehen soll: add, list oder remove. Siehe: keepsakectl terminal --help</translation>
    </message>
    <message>
        <source>%1 is not a device, so no terminal can be paired with it. Make it one first: keepsakectl device init --name NAME --url https://HOST:PORT</source>
        <translation>%1 ist kein Gerät, daher kann kein Terminal damit gekoppelt werden. Machen Sie es zuerst zu einem: keepsakectl device init --name NAME --url https://HOST:PORT</translation>
    </message>
    <message>
        <source>Pairs a terminal with this device and shows its token, this once: the device keeps only a hash of it. A counter or station acts as the clerk; a kiosk only for a customer signed in on it.</source>
        <translation>Koppelt ein Terminal mit diesem Gerät und zeigt sein Token, nur dieses eine Mal: Das Gerät speichert nur einen Hash davon. Eine Theke oder Station handelt als die Mitarbeiter; ein Foto-Terminal nur für einen daran angemeldeten Kunden.</translation>
    </message>
    <message>
        <source>the terminal&apos;s name</source>
        <translation>der Name des Terminals</translation>
    </message>
    <message>
        <source>kiosk (the default), station or counter</source>
        <translation>kiosk (Standard), station oder counter</translation>
    </message>
    <message>
        <source>KIND</source>
        <translation>ART</translation>
    </message>
    <message>
        <source>Name one terminal to pair.</source>
        <translation>Nennen Sie ein Terminal, das gekoppelt werden soll.</translation>
    </message>
    <message>
        <source>Unknown terminal kind &quot;%1&quot;: say kiosk, station or counter.</source>
        <translation>Unbekannte Terminal-Art „%1“: Geben Sie kiosk, station oder counter an.</translation>
    </message>
    <message>
        <source>Terminal %1 (%2) paired with device %3.
URL:         %4
Fingerprint: %5
Token:       %6
The token is shown this once; keep it on the terminal only.</source>
        <translation>Terminal %1 (%2) mit Gerät %3 gekoppelt.
URL:           %4
Fingerabdruck: %5
Token:         %6
Das Token wird nur dieses eine Mal gezeigt; bewahren Sie es nur auf dem Terminal auf.</translation>
    </message>
    <message>
        <source>Lists the terminals paired with this device.</source>
        <translation>Listet die mit diesem Gerät gekoppelten Terminals.</translation>
    </message>
    <message numerus="yes">
        <source>%n terminal(s)</source>
        <translation>
            <numerusform>%n Terminal</numerusform>
            <numerusform>%n Terminals</numerusform>
        </translation>
    </message>
    <message>
        <source>Revokes a terminal at once: its token authenticates nothing from now on, and the customers signed in on it are signed out.</source>
        <translation>Widerruft ein Terminal sofort: Sein Token authentifiziert ab jetzt nichts mehr, und die daran angemeldeten Kunden werden abgemeldet.</translation>
    </message>
    <message>
        <source>Name one terminal to remove.</source>
        <translation>Nennen Sie ein Terminal, das entfernt werden soll.</translation>
    </message>
    <message>
        <source>Terminal %1 revoked: its token is no longer accepted.</source>
        <translation>Terminal %1 widerrufen: Sein Token wird nicht mehr angenommen.</translation>
    </message>
</context>
<context>
    <name>Keepsake::DeviceIdentity</name>
    <message>
        <source>%1 could not be written: %2. Check the data folder&apos;s free space and permissions.</source>
        <translation>%1 konnte nicht geschrieben werden: %2. Prüfen Sie freien Platz und Rechte des Datenordners.</translation>
    </message>
    <message>
        <source>%1 is a device already (it has %2): a device keeps its key and fingerprint. Use another data folder for another device.</source>
        <translation>%1 ist bereits ein Gerät (%2 ist vorhanden): Ein Gerät behält seinen Schlüssel und Fingerabdruck. Verwenden Sie für ein anderes Gerät einen anderen Datenordner.</translation>
    </message>
    <message>
        <source>The device&apos;s key and certificate could not be made (OpenSSL).</source>
        <translation>Schlüssel und Zertifikat des Geräts konnten nicht erstellt werden (OpenSSL).</translation>
    </message>
    <message>
        <source>%1 is not a device: run keepsakectl device init there first.</source>
        <translation>%1 ist kein Gerät: Führen Sie dort zuerst keepsakectl device init aus.</translation>
    </message>
    <message>
        <source>The device&apos;s key or certificate in %1 cannot be read. Check their owner and permissions.</source>
        <translation>Schlüssel oder Zertifikat des Geräts in %1 können nicht gelesen werden. Prüfen Sie Besitzer und Rechte.</translation>
    </message>
    <message>
        <source>%1 is damaged: it holds no certificate.</source>
        <translation>%1 ist beschädigt: Die Datei enthält kein Zertifikat.</translation>
    </message>
</context>
<context>
    <name>Keepsake::DeviceServer</name>
    <message>
        <source>The device&apos;s key or certificate cannot be used for TLS.</source>
        <translation>Schlüssel oder Zertifikat des Geräts können nicht für TLS verwendet werden.</translation>
    </message>
    <message>
        <source>The device service cannot listen on %1 port %2: %3. Is another program using the port?</source>
        <translation>Der Gerätedienst kann nicht auf %1 Port %2 lauschen: %3. Nutzt ein anderes Programm den Port?</translation>
    </message>
    <message>
        <source>This device answers only its paired terminals and the chain&apos;s devices: send a terminal token (keepsakectl terminal add).</source>
        <translation>Dieses Gerät antwortet nur seinen gekoppelten Terminals und den Geräten der Kette: Senden Sie ein Terminal-Token (keepsakectl terminal add).</translation>
    </message>
    <message>
        <source>Too many requests from this address: wait a minute.</source>
        <translation>Zu viele Anfragen von dieser Adresse: Warten Sie eine Minute.</translation>
    </message>
    <message>
        <source>Method not allowed here.</source>
        <translation>Methode hier nicht erlaubt.</translation>
    </message>
    <message>
        <source>No such path: %1</source>
        <translation>Diesen Pfad gibt es nicht: %1</translation>
    </message>
    <message>
        <source>%1 may not do this.</source>
        <translation>%1 darf das nicht.</translation>
    </message>
    <message>
        <source>No such path.</source>
        <translation>Diesen Pfad gibt es nicht.</translation>
    </message>
    <message>
        <source>The file is gone.</source>
        <translation>Die Datei ist nicht mehr da.</translation>
    </message>
</context>
<context>
    <name>Keepsake::DeviceService</name>
    <message>
        <source>%1 has a device certificate that the catalog does not know (was the device removed?): run keepsakectl device init in a new data folder.</source>
        <translation>%1 hat ein Gerätezertifikat, das der Katalog nicht kennt (wurde das Gerät entfernt?): Führen Sie keepsakectl device init in einem neuen Datenordner aus.</translation>
    </message>
</context>
<context>
    <name>Keepsake::Devices</name>
    <message>
        <source>camera %1</source>
        <translation>Kamera %1</translation>
    </message>
    <message>
        <source>customer %1</source>
        <translation>Kunde %1</translation>
    </message>
    <message>
        <source>The device name &quot;%1&quot; is not usable: use 1 to 64 letters, digits, dots, dashes or underscores, e.g. store-berlin.</source>
        <translation>Der Gerätename „%1“ ist nicht verwendbar: Verwenden Sie 1 bis 64 Buchstaben, Ziffern, Punkte, Bindestriche oder Unterstriche, z. B. store-berlin.</translation>
    </message>
    <message>
        <source>There is already a device named %1 in this catalog (at %2). Choose another name, or remove that device first.</source>
        <translation>In diesem Katalog gibt es bereits ein Gerät namens %1 (unter %2). Wählen Sie einen anderen Namen oder entfernen Sie zuerst dieses Gerät.</translation>
    </message>
    <message>
        <source>The certificate with fingerprint %1 is registered already, as device %2. A device is registered once.</source>
        <translation>Das Zertifikat mit dem Fingerabdruck %1 ist bereits eingetragen, als Gerät %2. Ein Gerät wird nur einmal eingetragen.</translation>
    </message>
    <message>
        <source>There is no device named %1 in this catalog. See: keepsakectl device list</source>
        <translation>In diesem Katalog gibt es kein Gerät namens %1. Siehe: keepsakectl device list</translation>
    </message>
    <message>
        <source>There is no device number %1 in this catalog.</source>
        <translation>In diesem Katalog gibt es kein Gerät mit der Nummer %1.</translation>
    </message>
    <message>
        <source>No device of this catalog has the certificate fingerprint %1.</source>
        <translation>Kein Gerät dieses Katalogs hat den Zertifikat-Fingerabdruck %1.</translation>
    </message>
    <message>
        <source>Device %1 was not removed: it holds %2 photo(s), and %3 forward(s) to or from it are still owed. Its photos must stay reachable; a device that holds photos stays in the chain.</source>
        <translation>Gerät %1 wurde nicht entfernt: Es hat %2 Foto(s), und %3 Weiterleitung(en) zu ihm oder von ihm stehen noch aus. Seine Fotos müssen erreichbar bleiben; ein Gerät mit Fotos bleibt in der Kette.</translation>
    </message>
    <message>
        <source>Device %1 was not removed: new photos are still routed to it by %2. Move them first (keepsakectl camera remove, keepsakectl customer set C --home DEVICE).</source>
        <translation>Gerät %1 wurde nicht entfernt: Neue Fotos werden noch durch %2 dorthin geleitet. Leiten Sie diese zuerst um (keepsakectl camera remove, keepsakectl customer set C --home GERÄT).</translation>
    </message>
    <message numerus="yes">
        <source>Device %1 was not removed: %n burn station job(s) of it or for it have not ended (keepsakectl jobs). Let them end or cancel them first.</source>
        <translation>
            <numerusform>Gerät %1 wurde nicht entfernt: %n Brennauftrag, den es als Station ausführt oder angefordert hat, ist noch nicht beendet (keepsakectl jobs). Lassen Sie ihn zu Ende laufen oder brechen Sie ihn zuerst ab.</numerusform>
            <numerusform>Gerät %1 wurde nicht entfernt: %n Brennaufträge, die es als Station ausführt oder angefordert hat, sind noch nicht beendet (keepsakectl jobs). Lassen Sie sie zu Ende laufen oder brechen Sie sie zuerst ab.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Keepsake::DiscCheck</name>
    <message>
        <source>%1: listed in the manifest but not on the disc</source>
        <translation>%1: im Manifest aufgeführt, aber nicht auf der Disc</translation>
    </message>
    <message>
        <source>%1: the disc records no MD5 for it</source>
        <translation>%1: die Disc verzeichnet keine MD5 dafür</translation>
    </message>
    <message>
        <source>%1: its MD5 on the disc (%2) is not the manifest&apos;s (%3)</source>
        <translation>%1: seine MD5 auf der Disc (%2) ist nicht die des Manifests (%3)</translation>
    </message>
</context>
<context>
    <name>Keepsake::DiscCommands</name>
    <message>
        <source>drives with their media</source>
        <translation>Laufwerke mit ihren Medien</translation>
    </message>
    <message>
        <source>Lists the optical drives of this machine with the disc in each (type, status, free space, erasable). An image file is always available as stdio:/path/disc.iso.</source>
        <translation>Listet die optischen Laufwerke dieses Rechners mit der Disc in jedem (Art, Zustand, freier Platz, löschbar). Eine Abbilddatei ist immer als stdio:/pfad/disc.iso verfügbar.</translation>
    </message>
    <message>
        <source>: %1, %2, %3 free%4</source>
        <translation>: %1, %2, %3 frei%4</translation>
    </message>
    <message>
        <source>, erasable</source>
        <translation>, löschbar</translation>
    </message>
    <message>
        <source>: %1</source>
        <translation>: %1</translation>
    </message>
    <message>
        <source>No optical drives found. Image files: --drive stdio:/path/disc.iso</source>
        <translation>Keine optischen Laufwerke gefunden. Abbilddateien: --drive stdio:/pfad/disc.iso</translation>
    </message>
    <message numerus="yes">
        <source>%n drive(s); image files: --drive stdio:/path/disc.iso</source>
        <translation>
            <numerusform>%n Laufwerk; Abbilddateien: --drive stdio:/pfad/disc.iso</numerusform>
            <numerusform>%n Laufwerke; Abbilddateien: --drive stdio:/pfad/disc.iso</numerusform>
        </translation>
    </message>
    <message>
        <source> into %1</source>
        <translation> in %1</translation>
    </message>
    <message>
        <source>, a later run with a new blank disc</source>
        <translation>, ein späterer Lauf mit einer neuen leeren Disc</translation>
    </message>
    <message>
        <source>Disc %1 (%2%3%4): %5 of %6</source>
        <translation>Disc %1 (%2%3%4): %5 von %6</translation>
    </message>
    <message>
        <source>, appended to the disc in the drive</source>
        <translation>, an die Disc im Laufwerk angehängt</translation>
    </message>
    <message numerus="yes">
        <source>  album %1 &apos;%2&apos;: %n photo(s), %3</source>
        <translation>
            <numerusform>  Album %1 „%2“: %n Fotos, %3</numerusform>
            <numerusform>  Album %1 „%2“: %n Fotos, %3</numerusform>
        </translation>
    </message>
    <message>
        <source>record a customer&apos;s expired albums onto a disc</source>
        <translation>die abgelaufenen Alben eines Kunden auf eine Disc brennen</translation>
    </message>
    <message>
        <source>Plans, writes and verifies a disc with the customer&apos;s expired albums (or the albums named). A disc the customer brought back gets a new session after its manifest and customer are checked. Albums count as recorded only after verification.

When the albums need several discs: an album larger than a whole disc is split in capture order into parts, folders &quot;DATE TITLE (1 of 2)&quot;, and counts as recorded once its last part is verified. With an image file every disc is burned in this run: disc 1 into the file named, disc N into NAME-N.iso beside it (these must not exist yet). With a real drive one disc is burned a run: insert the next blank disc and run the same command again; it plans what is still to record. Each disc is verified and recorded on its own.</source>
        <translation>Plant, schreibt und prüft eine Disc mit den abgelaufenen Alben des Kunden (oder den genannten Alben). Eine vom Kunden zurückgebrachte Disc bekommt eine neue Sitzung, nachdem ihr Manifest und ihr Kunde geprüft sind. Alben gelten erst nach der Prüfung als gebrannt.

Wenn die Alben mehrere Discs brauchen: Ein Album, das größer als eine ganze Disc ist, wird in Aufnahmereihenfolge in Teile aufgeteilt, Ordner „DATUM TITEL (1 von 2)“, und gilt als gebrannt, sobald sein letzter Teil geprüft ist. Mit einer Abbilddatei wird jede Disc in diesem Lauf gebrannt: Disc 1 in die genannte Datei, Disc N in NAME-N.iso daneben (diese dürfen noch nicht existieren). Mit einem echten Laufwerk wird pro Lauf eine Disc gebrannt: Legen Sie die nächste leere Disc ein und führen Sie denselben Befehl erneut aus; er plant, was noch zu brennen ist. Jede Disc wird einzeln geprüft und verbucht.</translation>
    </message>
    <message>
        <source>the customer whose albums go onto the disc</source>
        <translation>der Kunde, dessen Alben auf die Disc kommen</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>these albums instead of the expired ones</source>
        <translation>diese Alben statt der abgelaufenen</translation>
    </message>
    <message>
        <source>ALBUM,...</source>
        <translation>ALBUM,...</translation>
    </message>
    <message>
        <source>the drive, or stdio:/path/image.iso</source>
        <translation>das Laufwerk oder stdio:/pfad/abbild.iso</translation>
    </message>
    <message>
        <source>DRIVE</source>
        <translation>LAUFWERK</translation>
    </message>
    <message>
        <source>the medium: cd, dvd, dvd-dl, bd, bd-dl (image file: dvd)</source>
        <translation>das Medium: cd, dvd, dvd-dl, bd, bd-dl (Abbilddatei: dvd)</translation>
    </message>
    <message>
        <source>KIND</source>
        <translation>ART</translation>
    </message>
    <message>
        <source>the medium&apos;s capacity in bytes, for media not listed</source>
        <translation>die Kapazität des Mediums in Bytes, für nicht aufgeführte Medien</translation>
    </message>
    <message>
        <source>BYTES</source>
        <translation>BYTES</translation>
    </message>
    <message>
        <source>show the plan, write nothing</source>
        <translation>den Plan zeigen, nichts schreiben</translation>
    </message>
    <message>
        <source>print index sheet and receipt there instead of PDFs</source>
        <translation>Indexprint und Beleg dort drucken statt als PDF</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>Say whose albums and which drive: --customer CODE --drive DRIVE.</source>
        <translation>Nennen Sie Kunde und Laufwerk: --customer CODE --drive LAUFWERK.</translation>
    </message>
    <message>
        <source>--capacity takes a number of bytes.</source>
        <translation>--capacity erwartet eine Anzahl Bytes.</translation>
    </message>
    <message numerus="yes">
        <source>Disc %1, session %2: %n album(s) recorded and verified (%3 files); pickup code %4.</source>
        <translation>
            <numerusform>Disc %1, Sitzung %2: %n Album gebrannt und geprüft (%3 Dateien); Abholcode %4.</numerusform>
            <numerusform>Disc %1, Sitzung %2: %n Alben gebrannt und geprüft (%3 Dateien); Abholcode %4.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n album(s) only in part: recorded once their last part is verified.</source>
        <translation>
            <numerusform>%n Album nur teilweise: gilt als gebrannt, sobald sein letzter Teil geprüft ist.</numerusform>
            <numerusform>%n Alben nur teilweise: gelten als gebrannt, sobald ihr letzter Teil geprüft ist.</numerusform>
        </translation>
    </message>
    <message>
        <source>Image: %1</source>
        <translation>Abbild: %1</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>geprüft</translation>
    </message>
    <message>
        <source>written</source>
        <translation>geschrieben</translation>
    </message>
    <message>
        <source>albums prepared</source>
        <translation>Alben vorbereitet</translation>
    </message>
    <message>
        <source>Customer %1 has no expired albums: nothing to record.</source>
        <translation>Kunde %1 hat keine abgelaufenen Alben: nichts zu brennen.</translation>
    </message>
    <message>
        <source>Dry run: nothing was written.</source>
        <translation>Probelauf: Es wurde nichts geschrieben.</translation>
    </message>
    <message numerus="yes">
        <source>%n more disc(s) are planned: insert the next blank disc and run the same command again.</source>
        <translation>
            <numerusform>%n weitere Disc ist geplant: Legen Sie die nächste leere Disc ein und führen Sie denselben Befehl erneut aus.</numerusform>
            <numerusform>%n weitere Discs sind geplant: Legen Sie die nächste leere Disc ein und führen Sie denselben Befehl erneut aus.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n disc(s) written in %1 s, verified in %2 s.</source>
        <translation>
            <numerusform>%n Disc in %1 s geschrieben, in %2 s geprüft.</numerusform>
            <numerusform>%n Discs in %1 s geschrieben, in %2 s geprüft.</numerusform>
        </translation>
    </message>
    <message>
        <source>The disc is recorded, but the prints failed: %1</source>
        <translation>Die Disc ist gebrannt, aber das Drucken ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>read a disc back and check its MD5s</source>
        <translation>eine Disc zurücklesen und ihre MD5s prüfen</translation>
    </message>
    <message>
        <source>Reads the disc back and checks the session&apos;s MD5 and every file&apos;s recorded MD5, and that every photo KEEPSAKE.JSON lists carries the MD5 the manifest gives it.</source>
        <translation>Liest die Disc zurück und prüft die MD5 der Sitzung und die verzeichnete MD5 jeder Datei sowie, dass jedes in KEEPSAKE.JSON aufgeführte Foto die MD5 trägt, die das Manifest ihm gibt.</translation>
    </message>
    <message>
        <source>Name the drive: --drive DRIVE.</source>
        <translation>Nennen Sie das Laufwerk: --drive LAUFWERK.</translation>
    </message>
    <message>
        <source>MISMATCH %1</source>
        <translation>ABWEICHUNG %1</translation>
    </message>
    <message numerus="yes">
        <source>Session and %n file(s) match their recorded MD5s; %1 photo(s) match the manifest&apos;s MD5s.</source>
        <translation>
            <numerusform>Sitzung und %n Datei stimmen mit ihren verzeichneten MD5s überein; %1 Foto(s) stimmen mit den MD5s des Manifests überein.</numerusform>
            <numerusform>Sitzung und %n Dateien stimmen mit ihren verzeichneten MD5s überein; %1 Foto(s) stimmen mit den MD5s des Manifests überein.</numerusform>
        </translation>
    </message>
    <message>
        <source>Verification failed: %1</source>
        <translation>Prüfung fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <source>Verification failed: %n photo(s) on the disc do not match the manifest&apos;s MD5s.</source>
        <translation>
            <numerusform>Prüfung fehlgeschlagen: %n Foto auf der Disc stimmt nicht mit den MD5s des Manifests überein.</numerusform>
            <numerusform>Prüfung fehlgeschlagen: %n Fotos auf der Disc stimmen nicht mit den MD5s des Manifests überein.</numerusform>
        </translation>
    </message>
    <message>
        <source>show a disc&apos;s manifest (disc show --drive DRIVE)</source>
        <translation>das Manifest einer Disc zeigen (disc show --drive LAUFWERK)</translation>
    </message>
    <message>
        <source>Shows the manifest of a Keepsake disc: customer, lab, sessions, albums.</source>
        <translation>Zeigt das Manifest einer Keepsake-Disc: Kunde, Labor, Sitzungen, Alben.</translation>
    </message>
    <message>
        <source>the sub-command</source>
        <translation>der Unterbefehl</translation>
    </message>
    <message>
        <source>Say: keepsakectl disc show --drive DRIVE.</source>
        <translation>Sagen Sie: keepsakectl disc show --drive LAUFWERK.</translation>
    </message>
    <message>
        <source>The disc in %1 is not a Keepsake disc (no manifest).</source>
        <translation>Die Disc in %1 ist keine Keepsake-Disc (kein Manifest).</translation>
    </message>
    <message>
        <source>Disc %1 of customer %2 (%3), made by %4; signature: %5</source>
        <translation>Disc %1 von Kunde %2 (%3), erstellt von %4; Signatur: %5</translation>
    </message>
    <message>
        <source>this lab&apos;s</source>
        <translation>dieses Labors</translation>
    </message>
    <message>
        <source>NOT this lab&apos;s</source>
        <translation>NICHT dieses Labors</translation>
    </message>
    <message>
        <source>  session %1, %2:</source>
        <translation>  Sitzung %1, %2:</translation>
    </message>
    <message numerus="yes">
        <source>    %1: %n photo(s)</source>
        <translation>
            <numerusform>    %1: %n Fotos</numerusform>
            <numerusform>    %1: %n Fotos</numerusform>
        </translation>
    </message>
    <message>
        <source>cannot be checked: this lab has no key yet, as it has made no disc</source>
        <translation>nicht prüfbar: Dieses Labor hat noch keinen Schlüssel, da es noch keine Disc gebrannt hat</translation>
    </message>
    <message>
        <source>the drives of this burn station of the chain</source>
        <translation>die Laufwerke dieser Brennstation der Kette</translation>
    </message>
    <message>
        <source>DEVICE</source>
        <translation>GERÄT</translation>
    </message>
    <message numerus="yes">
        <source>Station %1: %n drive(s); image files: --drive stdio:/absolute/path/disc.iso on the station.</source>
        <translation>
            <numerusform>Station %1: %n Laufwerk; Abbilddateien: --drive stdio:/absolute/path/disc.iso auf der Station.</numerusform>
            <numerusform>Station %1: %n Laufwerke; Abbilddateien: --drive stdio:/absolute/path/disc.iso auf der Station.</numerusform>
        </translation>
    </message>
    <message>
        <source>record on this burn station of the chain (DRIVE as it names it)</source>
        <translation>auf dieser Brennstation der Kette brennen (DRIVE so, wie die Station das Laufwerk nennt)</translation>
    </message>
    <message>
        <source>Job %1 queued on station %2 (drive %3).</source>
        <translation>Auftrag %1 in die Warteschlange von Station %2 gestellt (Laufwerk %3).</translation>
    </message>
    <message>
        <source>Nothing was recorded in the catalog: %1.</source>
        <translation>Im Katalog wurde nichts eingetragen: %1.</translation>
    </message>
    <message>
        <source>Disc %1 is recorded as verified: the lab&apos;s copies of its albums may be purged once their grace period ends.</source>
        <translation>Disc %1 ist als geprüft eingetragen: Die Kopien ihrer Alben im Labor dürfen nach Ablauf der Schonfrist gelöscht werden.</translation>
    </message>
    <message>
        <source>Disc %1 is recorded as not verified: the lab keeps its copies of the disc&apos;s albums. Verify the disc again, or restore the albums and burn them anew.</source>
        <translation>Disc %1 ist als nicht geprüft eingetragen: Das Labor behält seine Kopien der Alben dieser Disc. Prüfen Sie die Disc erneut oder stellen Sie die Alben wieder her und brennen Sie sie neu.</translation>
    </message>
</context>
<context>
    <name>Keepsake::DiscDrive</name>
    <message>
        <source>The disc libraries could not start: %1</source>
        <translation>Die Disc-Bibliotheken konnten nicht starten: %1</translation>
    </message>
    <message>
        <source>blank</source>
        <translation>leer</translation>
    </message>
    <message>
        <source>appendable</source>
        <translation>erweiterbar</translation>
    </message>
    <message>
        <source>full (closed)</source>
        <translation>voll (abgeschlossen)</translation>
    </message>
    <message>
        <source>no usable disc</source>
        <translation>keine verwendbare Disc</translation>
    </message>
    <message>
        <source>The drives could not be listed: %1</source>
        <translation>Die Laufwerke konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>There is no drive at %1 (%2). &apos;keepsakectl drives&apos; lists the drives; an image file is named stdio:/path/disc.iso.</source>
        <translation>Unter %1 gibt es kein Laufwerk (%2). „keepsakectl drives“ listet die Laufwerke; eine Abbilddatei heißt stdio:/pfad/disc.iso.</translation>
    </message>
    <message>
        <source>The disc in %1 could not be read: %2. Check the disc and try again.</source>
        <translation>Die Disc in %1 konnte nicht gelesen werden: %2. Prüfen Sie die Disc und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>%1 could not be read from the disc in %2: %3</source>
        <translation>%1 konnte nicht von der Disc in %2 gelesen werden: %3</translation>
    </message>
    <message>
        <source>%1 could not be put on the disc as %2: %3</source>
        <translation>%1 konnte nicht als %2 auf die Disc gebracht werden: %3</translation>
    </message>
    <message>
        <source>The cover entry %1 could not be made: %2</source>
        <translation>Der Titelbild-Eintrag %1 konnte nicht erstellt werden: %2</translation>
    </message>
    <message>
        <source>A second drive was opened while this burn still holds one. Close the first drive before opening another; this is a fault in Keepsake, please report it.</source>
        <translation>Ein zweites Laufwerk wurde geöffnet, während dieser Brennvorgang noch eines hält. Schließen Sie das erste Laufwerk, bevor Sie ein weiteres öffnen; dies ist ein Fehler in Keepsake, bitte melden Sie ihn.</translation>
    </message>
    <message>
        <source>A disc is being recorded or read by this program right now. The drives can be listed when it is done.</source>
        <translation>Dieses Programm beschreibt oder liest gerade eine Disc. Die Laufwerke lassen sich anzeigen, sobald das beendet ist.</translation>
    </message>
</context>
<context>
    <name>Keepsake::DiscLayout</name>
    <message>
        <source>%1 could not be prepared for the disc: %2. Check the free space of %3.</source>
        <translation>%1 konnte nicht für die Disc vorbereitet werden: %2. Prüfen Sie den freien Platz von %3.</translation>
    </message>
    <message>
        <source>No picture could be made of %1 for the disc&apos;s viewer: %2</source>
        <translation>Von %1 konnte kein Bild für den Betrachter der Disc erstellt werden: %2</translation>
    </message>
    <message>
        <source>The viewer picture of %1 could not be saved to %2.</source>
        <translation>Das Betrachterbild von %1 konnte nicht in %2 gespeichert werden.</translation>
    </message>
    <message>
        <source>Cancelled while preparing album &apos;%1&apos;.</source>
        <translation>Abgebrochen beim Vorbereiten von Album „%1“.</translation>
    </message>
    <message>
        <source>%1 (%2 of %3)</source>
        <translation>%1 (%2 von %3)</translation>
    </message>
    <message>
        <source>The stored original of %1 (album &apos;%2&apos;) could not be read: %3. Check the store with keepsakectl check.</source>
        <translation>Das gespeicherte Original von %1 (Album „%2“) konnte nicht gelesen werden: %3. Prüfen Sie die Ablage mit keepsakectl check.</translation>
    </message>
    <message>
        <source>No MD5 could be computed for %1 (album &apos;%2&apos;).</source>
        <translation>Für %1 (Album „%2“) konnte keine MD5-Summe berechnet werden.</translation>
    </message>
    <message>
        <source>%1 (album &apos;%2&apos;) is kept on device %3, and this data folder cannot fetch files from other devices (it is no device of the chain, or its certificate cannot be read). Nothing was recorded; the albums stay expired. Burn on a device of the chain.</source>
        <translation>%1 (Album „%2“) wird auf Gerät %3 aufbewahrt, und dieser Datenordner kann keine Dateien von anderen Geräten abrufen (er ist kein Gerät der Kette, oder sein Zertifikat kann nicht gelesen werden). Es wurde nichts verbucht; die Alben bleiben abgelaufen. Brennen Sie auf einem Gerät der Kette.</translation>
    </message>
    <message>
        <source>%1 (album &apos;%2&apos;) is kept on device %3, and it could not be fetched from there: %4 Nothing was recorded; the albums stay expired. Burn again once device %3 serves it (keepsakectl serve there, reachable from here).</source>
        <translation>%1 (Album „%2“) wird auf Gerät %3 aufbewahrt und konnte von dort nicht abgerufen werden: %4 Es wurde nichts verbucht; die Alben bleiben abgelaufen. Brennen Sie erneut, sobald Gerät %3 die Datei bereitstellt (keepsakectl serve dort, von hier aus erreichbar).</translation>
    </message>
    <message>
        <source>The stored original of %1 (album &apos;%2&apos;) is damaged: its bytes are no longer those it was stored with (its size or checksum differs), so it cannot go onto a disc. Nothing was recorded. Run keepsakectl check, and hand the photo in again from the customer&apos;s card or a backup.</source>
        <translation>Das gespeicherte Original von %1 (Album „%2“) ist beschädigt: Seine Bytes sind nicht mehr die gespeicherten (Größe oder Prüfsumme weichen ab), daher kann es nicht auf eine Disc. Es wurde nichts aufgezeichnet. Führen Sie keepsakectl check aus und geben Sie das Foto von der Karte des Kunden oder einer Sicherung erneut ab.</translation>
    </message>
</context>
<context>
    <name>Keepsake::DiscManifest</name>
    <message>
        <source>This disc&apos;s KEEPSAKE.JSON is not a Keepsake disc manifest.</source>
        <translation>Die KEEPSAKE.JSON dieser Disc ist kein Keepsake-Disc-Manifest.</translation>
    </message>
    <message>
        <source>another lab</source>
        <translation>einem anderen Labor</translation>
    </message>
    <message>
        <source>This disc was made by %1, not by this lab (its manifest is signed with another key). Nothing can be added to it here: please use a new disc.</source>
        <translation>Diese Disc wurde von %1 erstellt, nicht von diesem Labor (ihr Manifest ist mit einem anderen Schlüssel signiert). Hier kann nichts hinzugefügt werden: Bitte verwenden Sie eine neue Disc.</translation>
    </message>
    <message>
        <source>This disc was made by this lab, but its manifest has been altered or damaged since (the signature no longer matches). Nothing can be added to it: please use a new disc.</source>
        <translation>Diese Disc wurde von diesem Labor erstellt, aber ihr Manifest wurde seitdem verändert oder beschädigt (die Signatur passt nicht mehr). Es kann nichts hinzugefügt werden: Bitte verwenden Sie eine neue Disc.</translation>
    </message>
</context>
<context>
    <name>Keepsake::DiscPlanner</name>
    <message>
        <source>The disc in the drive has only %1 free; the albums need more. Insert a blank disc and burn again.</source>
        <translation>Die Disc im Laufwerk hat nur %1 frei; die Alben brauchen mehr. Legen Sie eine leere Disc ein und brennen Sie erneut.</translation>
    </message>
    <message>
        <source>The medium in the drive is too small: it has %1 free, and the smallest album needs more. Insert a larger or blank disc.</source>
        <translation>Das Medium im Laufwerk ist zu klein: Es hat %1 frei, und das kleinste Album braucht mehr. Legen Sie eine größere oder leere Disc ein.</translation>
    </message>
    <message>
        <source>%1 (%2 of %3)</source>
        <translation>%1 (%2 von %3)</translation>
    </message>
    <message>
        <source>A photo of album &apos;%1&apos; (%2) is larger than a whole %3 (%4). Choose a larger medium with --media.</source>
        <translation>Ein Foto von Album „%1“ (%2) ist größer als eine ganze %3 (%4). Wählen Sie mit --media ein größeres Medium.</translation>
    </message>
</context>
<context>
    <name>Keepsake::DiscRecord</name>
    <message>
        <source>No disc ID could be reserved in the catalog %1; try again.</source>
        <translation>Im Katalog %1 konnte keine Disc-ID reserviert werden; versuchen Sie es erneut.</translation>
    </message>
</context>
<context>
    <name>Keepsake::DiscVerification</name>
    <message>
        <source>Only the lab verifies discs.</source>
        <translation>Nur das Labor prüft Discs.</translation>
    </message>
    <message>
        <source>Verification cancelled; nothing was recorded.</source>
        <translation>Prüfung abgebrochen; es wurde nichts eingetragen.</translation>
    </message>
    <message>
        <source>The disc could not be read back: %1. Nothing was recorded; clean the disc and try again.</source>
        <translation>Die Disc konnte nicht zurückgelesen werden: %1. Es wurde nichts eingetragen; reinigen Sie die Disc und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>the disc has no Keepsake manifest</source>
        <translation>die Disc hat kein Keepsake-Manifest</translation>
    </message>
    <message>
        <source>%1: the manifest cannot be read</source>
        <translation>%1: Das Manifest ist nicht lesbar</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>the catalog records no disc %1</source>
        <translation>im Katalog ist keine Disc %1 verzeichnet</translation>
    </message>
</context>
<context>
    <name>Keepsake::DiscViewer</name>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n Foto</numerusform>
            <numerusform>%n Fotos</numerusform>
        </translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Previous photo</source>
        <translation>Vorheriges Foto</translation>
    </message>
    <message>
        <source>Next photo</source>
        <translation>Nächstes Foto</translation>
    </message>
    <message>
        <source>A browser cannot show this photo (%1). The original is on the disc:</source>
        <translation>Dieses Foto (%1) kann ein Browser nicht zeigen. Das Original liegt auf der Disc:</translation>
    </message>
    <message>
        <source>Open the original file</source>
        <translation>Originaldatei öffnen</translation>
    </message>
    <message>
        <source>Your photos</source>
        <translation>Ihre Fotos</translation>
    </message>
    <message>
        <source>Your photos from %1</source>
        <translation>Ihre Fotos von %1</translation>
    </message>
    <message>
        <source>All albums</source>
        <translation>Alle Alben</translation>
    </message>
    <message>
        <source>Disc %1</source>
        <translation>Disc %1</translation>
    </message>
</context>
<context>
    <name>Keepsake::EntryPage</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>Keepsake::ExpiryCommands</name>
    <message numerus="yes">
        <source>album %1 &quot;%2&quot; (%3, %n photo(s)): %4 -&gt; %5, %6</source>
        <translation>
            <numerusform>Album %1 „%2“ (%3, %n Foto): %4 -&gt; %5, %6</numerusform>
            <numerusform>Album %1 „%2“ (%3, %n Fotos): %4 -&gt; %5, %6</numerusform>
        </translation>
    </message>
    <message>
        <source>; told: %1</source>
        <translation>; benachrichtigt: %1</translation>
    </message>
    <message>
        <source>mailed %1 about album %2</source>
        <translation>%1 wegen Album %2 angeschrieben</translation>
    </message>
    <message>
        <source>NOT mailed %1 about album %2, stays queued: %3</source>
        <translation>%1 wegen Album %2 NICHT angeschrieben, bleibt in der Warteschlange: %3</translation>
    </message>
    <message>
        <source>one expiry sweep: notices, expired albums</source>
        <translation>ein Ablaufdurchgang: Hinweise, abgelaufene Alben</translation>
    </message>
    <message>
        <source>Runs one expiry sweep: albums reaching their notice window become expiring and owner and viewers are told; albums past their date become expired. Then the mails go out.</source>
        <translation>Führt einen Ablaufdurchgang aus: Alben, die ihre Hinweisfrist erreichen, laufen bald ab, und Besitzer und Betrachter werden benachrichtigt; Alben nach ihrem Datum sind abgelaufen. Danach gehen die Mails hinaus.</translation>
    </message>
    <message>
        <source>show what would change, change nothing, send nothing</source>
        <translation>zeigen, was sich ändern würde; nichts ändern, nichts senden</translation>
    </message>
    <message numerus="yes">
        <source>%n album(s) waiting in their notice window</source>
        <translation>
            <numerusform>%n Album wartet in seiner Hinweisfrist</numerusform>
            <numerusform>%n Alben warten in ihrer Hinweisfrist</numerusform>
        </translation>
    </message>
    <message>
        <source>Dry run, nothing changed: %1, %2, %3.</source>
        <translation>Probelauf, nichts geändert: %1, %2, %3.</translation>
    </message>
    <message numerus="yes">
        <source>%n notice(s)</source>
        <translation>
            <numerusform>%n Hinweis</numerusform>
            <numerusform>%n Hinweise</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n album(s) would expire</source>
        <translation>
            <numerusform>%n Album würde ablaufen</numerusform>
            <numerusform>%n Alben würden ablaufen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2, %3.</source>
        <translation>%1, %2, %3.</translation>
    </message>
    <message numerus="yes">
        <source>%n notice(s) issued</source>
        <translation>
            <numerusform>%n Hinweis ausgegeben</numerusform>
            <numerusform>%n Hinweise ausgegeben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n album(s) expired</source>
        <translation>
            <numerusform>%n Album abgelaufen</numerusform>
            <numerusform>%n Alben abgelaufen</numerusform>
        </translation>
    </message>
    <message>
        <source>The notices are queued but were not delivered: %1 Run keepsakectl notify --retry later.</source>
        <translation>Die Hinweise stehen in der Warteschlange, wurden aber nicht zugestellt: %1 Führen Sie später keepsakectl notify --retry aus.</translation>
    </message>
    <message>
        <source> Mail: %1 sent, %2 failed, %3 queued.</source>
        <translation> Mail: %1 gesendet, %2 fehlgeschlagen, %3 in der Warteschlange.</translation>
    </message>
    <message>
        <source> No mail server is configured (smtp.host): the mails stay queued, terminal notices are stored.</source>
        <translation> Es ist kein Mailserver eingerichtet (smtp.host): Die Mails bleiben in der Warteschlange, Hinweise für die Terminals werden gespeichert.</translation>
    </message>
    <message>
        <source>deliver the notices the outbox holds</source>
        <translation>die Hinweise aus dem Postausgang zustellen</translation>
    </message>
    <message>
        <source>Delivers queued notice mails whose time has come; --retry sends every waiting and failed one now.</source>
        <translation>Stellt fällige Hinweis-Mails aus der Warteschlange zu; --retry sendet jetzt alle wartenden und fehlgeschlagenen.</translation>
    </message>
    <message>
        <source>also mails waiting for their next try, and failed ones</source>
        <translation>auch Mails, die auf ihren nächsten Versuch warten, und fehlgeschlagene</translation>
    </message>
    <message>
        <source>Mail: %1 sent, %2 failed, %3 queued.</source>
        <translation>Mail: %1 gesendet, %2 fehlgeschlagen, %3 in der Warteschlange.</translation>
    </message>
    <message>
        <source> No mail server is configured: set one with keepsakectl config set smtp.host HOST.</source>
        <translation> Es ist kein Mailserver eingerichtet: Legen Sie einen fest mit keepsakectl config set smtp.host HOST.</translation>
    </message>
    <message>
        <source>delete originals past their grace period on a verified disc</source>
        <translation>Originale nach ihrer Frist auf einer geprüften Disc löschen</translation>
    </message>
    <message>
        <source>Deletes the stored originals of recorded albums whose disc was verified and whose grace period is over. The record of what went on which disc stays.</source>
        <translation>Löscht die gespeicherten Originale gebrannter Alben, deren Disc geprüft und deren Frist vorbei ist. Der Nachweis, was auf welche Disc kam, bleibt.</translation>
    </message>
    <message>
        <source>only this album (refused, exit 4, when it may not go yet)</source>
        <translation>nur dieses Album (abgelehnt, Exit 4, wenn es noch nicht gehen darf)</translation>
    </message>
    <message>
        <source>ALBUM</source>
        <translation>ALBUM</translation>
    </message>
    <message>
        <source>the album&apos;s owner, to name the album by its title</source>
        <translation>der Besitzer des Albums, um das Album über seinen Titel zu nennen</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>show what would be deleted, delete nothing</source>
        <translation>zeigen, was gelöscht würde; nichts löschen</translation>
    </message>
    <message>
        <source>would purge</source>
        <translation>würde gelöscht</translation>
    </message>
    <message>
        <source>purged</source>
        <translation>gelöscht</translation>
    </message>
    <message>
        <source>keeps</source>
        <translation>bleibt</translation>
    </message>
    <message>
        <source>album %1 &quot;%2&quot; (%3): %4: %5</source>
        <translation>Album %1 „%2“ (%3): %4: %5</translation>
    </message>
    <message numerus="yes">
        <source>Dry run: %n album(s) would be purged (%1).</source>
        <translation>
            <numerusform>Probelauf: %n Album würde gelöscht (%1).</numerusform>
            <numerusform>Probelauf: %n Alben würden gelöscht (%1).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n album(s) purged (%1 freed).</source>
        <translation>
            <numerusform>%n Album gelöscht (%1 frei geworden).</numerusform>
            <numerusform>%n Alben gelöscht (%1 frei geworden).</numerusform>
        </translation>
    </message>
    <message>
        <source>run the sweeps on a timer until stopped</source>
        <translation>die Durchgänge zeitgesteuert ausführen, bis sie angehalten werden</translation>
    </message>
    <message>
        <source>seconds between rounds (default 3600)</source>
        <translation>Sekunden zwischen den Runden (Standard 3600)</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>SEKUNDEN</translation>
    </message>
    <message>
        <source>--interval takes a number of seconds from 0.05 to 604800.</source>
        <translation>--interval erwartet eine Anzahl Sekunden von 0.05 bis 604800.</translation>
    </message>
    <message>
        <source>Serving %1: a round every %2 s; stop with Ctrl-C.</source>
        <translation>Bediene %1: eine Runde alle %2 s; anhalten mit Strg+C.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Angehalten.</translation>
    </message>
    <message>
        <source>round: %1, %2 expired, mail %3 sent / %4 failed / %5 queued, %6 purged</source>
        <translation>Runde: %1, %2 abgelaufen, Mail %3 gesendet / %4 fehlgeschlagen / %5 in der Warteschlange, %6 gelöscht</translation>
    </message>
    <message>
        <source>round failed: %1</source>
        <translation>Runde fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Runs the expiry sweep, mail delivery and purge now and then every interval, until Ctrl-C or SIGTERM. On a device (keepsakectl device init) it also serves the device service over HTTPS and forwards photos to the devices that keep them.</source>
        <translation>Führt Ablaufdurchgang, Mailzustellung und Löschen jetzt und dann in jedem Intervall aus, bis Strg+C oder SIGTERM. Auf einem Gerät (keepsakectl device init) stellt es außerdem den Gerätedienst über HTTPS bereit und leitet Fotos an die Geräte weiter, die sie aufbewahren.</translation>
    </message>
    <message>
        <source>address and port to serve on (default: from the device&apos;s URL)</source>
        <translation>Adresse und Port für den Dienst (Standard: aus der URL des Geräts)</translation>
    </message>
    <message>
        <source>HOST:PORT</source>
        <translation>HOST:PORT</translation>
    </message>
    <message>
        <source>%1 is not a device: run keepsakectl device init --name NAME --url https://HOST:PORT first.</source>
        <translation>%1 ist kein Gerät: Führen Sie zuerst keepsakectl device init --name NAME --url https://HOST:PORT aus.</translation>
    </message>
    <message>
        <source>--listen takes HOST:PORT, e.g. 127.0.0.1:8443.</source>
        <translation>--listen erwartet HOST:PORT, z. B. 127.0.0.1:8443.</translation>
    </message>
    <message>
        <source>Device %1 serves on %2 (fingerprint %3).</source>
        <translation>Gerät %1 ist erreichbar unter %2 (Fingerabdruck %3).</translation>
    </message>
</context>
<context>
    <name>Keepsake::ExpiryReason</name>
    <message>
        <source>rule &apos;%1&apos;, last viewed on %2</source>
        <translation>Regel „%1“, zuletzt angesehen am %2</translation>
    </message>
    <message>
        <source>rule &apos;%1&apos;, not viewed since the hand-in on %2</source>
        <translation>Regel „%1“, nicht angesehen seit der Abgabe am %2</translation>
    </message>
    <message>
        <source>rule &apos;%1&apos;, the customer&apos;s plan ends on %2</source>
        <translation>Regel „%1“, der Tarif des Kunden endet am %2</translation>
    </message>
    <message>
        <source>rule &apos;%1&apos;, while the customer&apos;s plan lasts (no end date)</source>
        <translation>Regel „%1“, solange der Tarif des Kunden läuft (kein Enddatum)</translation>
    </message>
    <message>
        <source>rule &apos;%1&apos;, handed in on %2</source>
        <translation>Regel „%1“, abgegeben am %2</translation>
    </message>
    <message>
        <source>recorded on disc %1 on %2; hidden from customers, originals kept for the grace period</source>
        <translation>am %2 auf Disc %1 gebrannt; für Kunden ausgeblendet, Originale werden während der Frist aufbewahrt</translation>
    </message>
    <message>
        <source>(not named)</source>
        <translation>(nicht benannt)</translation>
    </message>
    <message>
        <source>recorded on disc %1; originals deleted on %2</source>
        <translation>auf Disc %1 gebrannt; Originale am %2 gelöscht</translation>
    </message>
    <message>
        <source>kept: %1</source>
        <translation>aufbewahrt: %1</translation>
    </message>
    <message>
        <source>expired on %1</source>
        <translation>abgelaufen am %1</translation>
    </message>
    <message>
        <source>expires on %1</source>
        <translation>läuft ab am %1</translation>
    </message>
    <message>
        <source>%1: extended on %2 (%3)</source>
        <translation>%1: verlängert am %2 (%3)</translation>
    </message>
    <message>
        <source>%1: moved on %2 so that owner and viewers get the full notice (%3)</source>
        <translation>%1: am %2 verschoben, damit Besitzer und Betrachter die volle Hinweisfrist bekommen (%3)</translation>
    </message>
    <message>
        <source>%1: brought forward on %2, the customer is over the storage cap (%3)</source>
        <translation>%1: am %2 vorgezogen, der Kunde liegt über der Speichergrenze (%3)</translation>
    </message>
    <message>
        <source>%1: restored from its disc on %2, rule &apos;%3&apos; counted from then</source>
        <translation>%1: am %2 von seiner Disc zurückgeholt, Regel „%3“ ab dann gezählt</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>Keepsake::ExpirySweep</name>
    <message>
        <source>the customer&apos;s albums under rule &apos;%1&apos; are over its cap of %2; the oldest go first: brought forward to %3</source>
        <translation>die Alben des Kunden unter Regel „%1“ liegen über ihrer Grenze von %2; die ältesten gehen zuerst: vorgezogen auf %3</translation>
    </message>
    <message>
        <source>expires on %1: owner and viewers were told on %2</source>
        <translation>läuft ab am %1: Besitzer und Betrachter wurden am %2 benachrichtigt</translation>
    </message>
    <message numerus="yes">
        <source>expires on %1: notice window of %n day(s) reached</source>
        <translation>
            <numerusform>läuft ab am %1: Hinweisfrist von %n Tag erreicht</numerusform>
            <numerusform>läuft ab am %1: Hinweisfrist von %n Tagen erreicht</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the notice went out less than %n day(s) ahead; the date moved so that owner and viewers get the full notice</source>
        <translation>
            <numerusform>der Hinweis ging weniger als %n Tag vorher hinaus; das Datum wurde verschoben, damit Besitzer und Betrachter die volle Hinweisfrist bekommen</numerusform>
            <numerusform>der Hinweis ging weniger als %n Tage vorher hinaus; das Datum wurde verschoben, damit Besitzer und Betrachter die volle Hinweisfrist bekommen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>was due on %1 but nobody had been told: notice issued today, date moved to %2 (%n day(s) notice)</source>
        <translation>
            <numerusform>war am %1 fällig, aber niemand war benachrichtigt: Hinweis heute ausgegeben, Datum auf %2 verschoben (%n Tag Hinweisfrist)</numerusform>
            <numerusform>war am %1 fällig, aber niemand war benachrichtigt: Hinweis heute ausgegeben, Datum auf %2 verschoben (%n Tage Hinweisfrist)</numerusform>
        </translation>
    </message>
    <message>
        <source>expired at the end of %1; owner and viewers were told on %2; waits for its disc</source>
        <translation>abgelaufen am Ende des %1; Besitzer und Betrachter wurden am %2 benachrichtigt; wartet auf seine Disc</translation>
    </message>
    <message numerus="yes">
        <source>due on %1, less than %n day(s) away, and nobody had been told: notice issued today, date moved to %2</source>
        <translation>
            <numerusform>fällig am %1, weniger als %n Tag entfernt, und niemand war benachrichtigt: Hinweis heute ausgegeben, Datum auf %2 verschoben</numerusform>
            <numerusform>fällig am %1, weniger als %n Tage entfernt, und niemand war benachrichtigt: Hinweis heute ausgegeben, Datum auf %2 verschoben</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Keepsake::FileInspector</name>
    <message>
        <source>the file cannot be read (%1)</source>
        <translation>die Datei kann nicht gelesen werden (%1)</translation>
    </message>
    <message>
        <source>the file is empty (0 bytes)</source>
        <translation>die Datei ist leer (0 Bytes)</translation>
    </message>
    <message>
        <source>the file cannot be read to its end (%1)</source>
        <translation>die Datei kann nicht bis zum Ende gelesen werden (%1)</translation>
    </message>
    <message>
        <source>the file is too large for a photo (%1 MB; Keepsake takes photos up to %2 MB)</source>
        <translation>die Datei ist zu groß für ein Foto (%1 MB; Keepsake nimmt Fotos bis %2 MB)</translation>
    </message>
</context>
<context>
    <name>Keepsake::FileRoutes</name>
    <message>
        <source>A piece of a file needs its SHA-256, size and offset.</source>
        <translation>Ein Stück einer Datei braucht deren SHA-256, Größe und Offset.</translation>
    </message>
    <message>
        <source>A piece of a file needs its SHA-256, offset and length.</source>
        <translation>Ein Stück einer Datei braucht deren SHA-256, Offset und Länge.</translation>
    </message>
    <message>
        <source>This device does not hold the file %1.</source>
        <translation>Dieses Gerät hat die Datei %1 nicht.</translation>
    </message>
    <message>
        <source>The offset lies past the file&apos;s end.</source>
        <translation>Der Offset liegt hinter dem Dateiende.</translation>
    </message>
    <message>
        <source>A thumbnail is named by its file&apos;s SHA-256, and its size is grid or print.</source>
        <translation>Ein Vorschaubild wird über die SHA-256 seiner Datei benannt, und seine Größe ist grid oder print.</translation>
    </message>
    <message>
        <source>This device does not keep the file %1, so it has no thumbnail of it.</source>
        <translation>Dieses Gerät bewahrt die Datei %1 nicht auf und hat daher kein Vorschaubild davon.</translation>
    </message>
    <message>
        <source>Name a file by its SHA-256.</source>
        <translation>Nennen Sie eine Datei über ihre SHA-256.</translation>
    </message>
    <message>
        <source>%1 Make room on the device&apos;s disk.</source>
        <translation>%1 Schaffen Sie Platz auf dem Datenträger des Geräts.</translation>
    </message>
</context>
<context>
    <name>Keepsake::Forwarder</name>
    <message>
        <source>The device is stopping.</source>
        <translation>Das Gerät wird beendet.</translation>
    </message>
    <message>
        <source>The file of photo %1 (%2) is missing from this device&apos;s store: run keepsakectl check.</source>
        <translation>Die Datei von Foto %1 (%2) fehlt in der Ablage dieses Geräts: Führen Sie keepsakectl check aus.</translation>
    </message>
</context>
<context>
    <name>Keepsake::GPhotoCamera</name>
    <message>
        <source>another program is using the camera (a photo manager, or the desktop&apos;s file browser): close it, then unplug the camera and plug it in again</source>
        <translation>ein anderes Programm verwendet die Kamera (eine Fotoverwaltung oder der Dateimanager des Desktops): Schließen Sie es, stecken Sie dann die Kamera ab und wieder an</translation>
    </message>
    <message>
        <source>the camera does not answer: it may have been unplugged, switched off or gone to sleep. Plug it in, wake it (unlock a phone) and try again</source>
        <translation>die Kamera antwortet nicht: Vielleicht wurde sie abgesteckt, ausgeschaltet oder ist in den Ruhezustand gewechselt. Schließen Sie sie an, wecken Sie sie auf (ein Telefon entsperren Sie) und versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>the camera refused: a phone shows its photos only while it is unlocked and allows this computer in (&quot;Trust&quot; on an iPhone; &quot;File transfer&quot; or &quot;PTP&quot; on Android). Unlock it, allow access, then unplug it and plug it in again</source>
        <translation>die Kamera hat abgelehnt: Ein Telefon zeigt seine Fotos nur, solange es entsperrt ist und diesem Rechner den Zugriff erlaubt („Vertrauen“ auf einem iPhone; „Dateiübertragung“ oder „PTP“ auf Android). Entsperren Sie es, erlauben Sie den Zugriff, stecken Sie es dann ab und wieder an</translation>
    </message>
    <message>
        <source>it is not on the camera (any more)</source>
        <translation>nicht (mehr) auf der Kamera vorhanden</translation>
    </message>
    <message>
        <source>the camera sent damaged data: try again</source>
        <translation>die Kamera hat beschädigte Daten gesendet: Versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>no such camera model or port (`keepsakectl usb` lists the cameras connected now)</source>
        <translation>dieses Kameramodell oder diesen Port gibt es nicht (`keepsakectl usb` listet die jetzt angeschlossenen Kameras auf)</translation>
    </message>
    <message>
        <source>this computer ran out of memory</source>
        <translation>diesem Rechner ist der Arbeitsspeicher ausgegangen</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>libgphoto2 could not do it; unplug the camera, plug it in again and try again</source>
        <translation>libgphoto2 konnte es nicht ausführen; stecken Sie die Kamera ab und wieder an und versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>%1 cannot be opened</source>
        <translation>%1 kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>The cameras on USB cannot be listed</source>
        <translation>Die Kameras an USB können nicht aufgelistet werden</translation>
    </message>
    <message>
        <source>The folder %1 of %2 cannot be listed</source>
        <translation>Der Ordner %1 von %2 kann nicht aufgelistet werden</translation>
    </message>
    <message>
        <source>The files in %1 of %2 cannot be listed</source>
        <translation>Die Dateien in %1 von %2 können nicht aufgelistet werden</translation>
    </message>
    <message>
        <source>%1 cannot be copied: no file descriptor is left.</source>
        <translation>%1 kann nicht kopiert werden: Es ist kein Dateideskriptor mehr frei.</translation>
    </message>
    <message>
        <source>%1 cannot be copied from %2</source>
        <translation>%1 kann nicht von %2 kopiert werden</translation>
    </message>
    <message>
        <source>%1 could not be copied from %2</source>
        <translation>%1 konnte nicht von %2 kopiert werden</translation>
    </message>
    <message>
        <source>%1 no longer answers: it may have been unplugged, switched off or gone to sleep. Plug it in, wake it (unlock a phone) and hand it in again: what was stored is recognised (libgphoto2: %2).</source>
        <translation>%1 antwortet nicht mehr: Vielleicht wurde das Gerät abgesteckt, ausgeschaltet oder ist in den Ruhezustand gewechselt. Schließen Sie es an, wecken Sie es auf (ein Telefon entsperren Sie) und geben Sie es erneut ab: Was schon gespeichert ist, wird erkannt (libgphoto2: %2).</translation>
    </message>
    <message>
        <source>%1: %2 (libgphoto2: %3).</source>
        <translation>%1: %2 (libgphoto2: %3).</translation>
    </message>
</context>
<context>
    <name>Keepsake::HandinLiveness</name>
    <message>
        <source>The hand-in cannot mark itself as running in %1: %2. Check the data folder&apos;s permissions and free space.</source>
        <translation>Die Abgabe kann sich in %1 nicht als laufend kennzeichnen: %2. Prüfen Sie Rechte und freien Platz des Datenordners.</translation>
    </message>
</context>
<context>
    <name>Keepsake::HandinReceipts</name>
    <message>
        <source>There is no hand-in %1, so there is no receipt to print.</source>
        <translation>Es gibt keine Abgabe %1, also auch keinen Beleg zum Drucken.</translation>
    </message>
    <message>
        <source>The receipt of hand-in %1 cannot be made: no temporary folder (%2). Check the free space of the temporary folder.</source>
        <translation>Der Beleg der Abgabe %1 kann nicht erstellt werden: kein temporärer Ordner (%2). Prüfen Sie den freien Platz im temporären Ordner.</translation>
    </message>
    <message>
        <source>The receipt of hand-in %1 was made but cannot be read back: %2.</source>
        <translation>Der Beleg der Abgabe %1 wurde erstellt, lässt sich aber nicht zurücklesen: %2.</translation>
    </message>
</context>
<context>
    <name>Keepsake::HandinReception</name>
    <message>
        <source>%1 may not hand in photos for customer %2.</source>
        <translation>%1 darf keine Fotos für Kunde %2 abgeben.</translation>
    </message>
    <message>
        <source>The spool folder %1 cannot be made: check the data folder&apos;s free space and permissions.</source>
        <translation>Der Zwischenordner %1 kann nicht angelegt werden: Prüfen Sie freien Platz und Rechte des Datenordners.</translation>
    </message>
    <message>
        <source>No hand-in %1 is open here for this terminal: start the hand-in again.</source>
        <translation>Für dieses Terminal ist hier keine Abgabe %1 offen: Beginnen Sie die Abgabe erneut.</translation>
    </message>
    <message>
        <source>Offer at most %1 files at a time.</source>
        <translation>Bieten Sie höchstens %1 Dateien auf einmal an.</translation>
    </message>
    <message>
        <source>The hand-in %1 takes no more files: it is %2.</source>
        <translation>Die Abgabe %1 nimmt keine Dateien mehr an: Sie ist %2.</translation>
    </message>
    <message>
        <source>A hand-in takes at most %1 files.</source>
        <translation>Eine Abgabe nimmt höchstens %1 Dateien an.</translation>
    </message>
    <message>
        <source>a path or size the device does not take</source>
        <translation>ein Pfad oder eine Größe, die das Gerät nicht annimmt</translation>
    </message>
    <message>
        <source>%1: the device has %2 bytes of it; send from there.</source>
        <translation>%1: Das Gerät hat %2 Bytes davon; senden Sie ab dort weiter.</translation>
    </message>
    <message>
        <source>%1 arrived damaged (its SHA-256 differs from the one sent with it): send it again.</source>
        <translation>%1 ist beschädigt angekommen (seine SHA-256 weicht von der mitgesendeten ab): Senden Sie es erneut.</translation>
    </message>
    <message>
        <source>%1 has not fully arrived (%2 of %3 bytes): send the rest first.</source>
        <translation>%1 ist nicht vollständig angekommen (%2 von %3 Bytes): Senden Sie zuerst den Rest.</translation>
    </message>
    <message>
        <source>%1 cannot be spooled: %2 Check the device&apos;s free space.</source>
        <translation>%1 kann nicht zwischengespeichert werden: %2 Prüfen Sie den freien Platz auf dem Gerät.</translation>
    </message>
    <message>
        <source>The hand-in %1 stopped: %2</source>
        <translation>Die Abgabe %1 wurde abgebrochen: %2</translation>
    </message>
    <message>
        <source>%1 was offered before and decided already</source>
        <translation>%1 wurde schon angeboten und ist bereits entschieden</translation>
    </message>
    <message>
        <source>%1 has arrived already with other bytes</source>
        <translation>%1 ist schon mit anderen Bytes angekommen</translation>
    </message>
    <message>
        <source>%1 was not offered to this hand-in.</source>
        <translation>%1 wurde dieser Abgabe nicht angeboten.</translation>
    </message>
</context>
<context>
    <name>Keepsake::HandinRoutes</name>
    <message>
        <source>A piece of a file needs a safe relative path and an offset.</source>
        <translation>Ein Stück einer Datei braucht einen sicheren relativen Pfad und einen Offset.</translation>
    </message>
</context>
<context>
    <name>Keepsake::HandinWriter</name>
    <message>
        <source>The catalog cannot start storing photos: %1.</source>
        <translation>Der Katalog kann nicht mit dem Speichern von Fotos beginnen: %1.</translation>
    </message>
    <message>
        <source>The catalog did not keep the stored photos (%1). They were not counted as received; hand the card in again.</source>
        <translation>Der Katalog hat die gespeicherten Fotos nicht behalten (%1). Sie wurden nicht als erhalten gezählt; geben Sie die Karte erneut ab.</translation>
    </message>
    <message>
        <source>%1 cannot be read (%2).</source>
        <translation>%1 kann nicht gelesen werden (%2).</translation>
    </message>
    <message>
        <source>%1 cannot be read to its end (%2).</source>
        <translation>%1 kann nicht bis zum Ende gelesen werden (%2).</translation>
    </message>
</context>
<context>
    <name>Keepsake::ImageDecoder</name>
    <message>
        <source>The file is empty.</source>
        <translation>Die Datei ist leer.</translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation>Die Datei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The picture data is damaged: %1</source>
        <translation>Die Bilddaten sind beschädigt: %1</translation>
    </message>
    <message>
        <source>The picture is too large to open safely (%1 × %2 pixels).</source>
        <translation>Das Bild ist zu groß, um es sicher zu öffnen (%1 × %2 Pixel).</translation>
    </message>
    <message>
        <source>the file ends before any picture data</source>
        <translation>die Datei endet vor den Bilddaten</translation>
    </message>
    <message>
        <source>the picture has no size</source>
        <translation>das Bild hat keine Größe</translation>
    </message>
    <message>
        <source>the HEIF decoder gave up</source>
        <translation>der HEIF-Decoder hat aufgegeben</translation>
    </message>
    <message>
        <source>the HEIF decoder returned no picture</source>
        <translation>der HEIF-Decoder hat kein Bild geliefert</translation>
    </message>
    <message>
        <source>the file is a video (MP4 or QuickTime)</source>
        <translation>die Datei ist ein Video (MP4 oder QuickTime)</translation>
    </message>
    <message>
        <source>the file is an AVIF picture</source>
        <translation>die Datei ist ein AVIF-Bild</translation>
    </message>
    <message>
        <source>the file is a WebP picture</source>
        <translation>die Datei ist ein WebP-Bild</translation>
    </message>
    <message>
        <source>the file is a GIF picture</source>
        <translation>die Datei ist ein GIF-Bild</translation>
    </message>
    <message>
        <source>the file is a JPEG 2000 picture</source>
        <translation>die Datei ist ein JPEG-2000-Bild</translation>
    </message>
    <message>
        <source>the file is a BMP picture</source>
        <translation>die Datei ist ein BMP-Bild</translation>
    </message>
    <message>
        <source>the file is a PDF document</source>
        <translation>die Datei ist ein PDF-Dokument</translation>
    </message>
    <message>
        <source>its content is not a picture format Keepsake knows</source>
        <translation>ihr Inhalt ist kein Bildformat, das Keepsake kennt</translation>
    </message>
    <message>
        <source>This is not a photo Keepsake accepts: %1.</source>
        <translation>Das ist kein Foto, das Keepsake annimmt: %1.</translation>
    </message>
    <message>
        <source>camera RAW</source>
        <translation>Kamera-RAW</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>the camera left no preview in this RAW file that Keepsake can show</source>
        <translation>die Kamera hat in dieser RAW-Datei keine Vorschau hinterlassen, die Keepsake anzeigen kann</translation>
    </message>
    <message>
        <source>The RAW picture data is incomplete (file truncated?): neither the camera&apos;s preview nor its raw data can be read from the file. Copy the photo from the camera again.</source>
        <translation>Die RAW-Bilddaten sind unvollständig (Datei abgeschnitten?): Weder die Vorschau der Kamera noch ihre Rohdaten lassen sich aus der Datei lesen. Kopieren Sie das Foto erneut von der Kamera.</translation>
    </message>
    <message>
        <source>The RAW file is damaged: its structure sends the RAW reader round in circles, so it was not read to the end. Copy the photo from the camera again.</source>
        <translation>Die RAW-Datei ist beschädigt: Ihre Struktur schickt das RAW-Leseprogramm im Kreis, daher wurde sie nicht zu Ende gelesen. Kopieren Sie das Foto erneut von der Kamera.</translation>
    </message>
</context>
<context>
    <name>Keepsake::ImportPage</name>
    <message>
        <source>New photos</source>
        <translation>Neue Fotos</translation>
    </message>
    <message>
        <source>Already handed in</source>
        <translation>Schon abgegeben</translation>
    </message>
    <message>
        <source>New versions of earlier photos</source>
        <translation>Neue Versionen früherer Fotos</translation>
    </message>
    <message>
        <source>Not taken</source>
        <translation>Nicht übernommen</translation>
    </message>
    <message>
        <source>Reading your photos from %1</source>
        <translation>Ihre Fotos werden von %1 gelesen</translation>
    </message>
    <message>
        <source>same as %1</source>
        <translation>gleich wie %1</translation>
    </message>
    <message>
        <source>same as %1, on disc %2</source>
        <translation>gleich wie %1, auf Disc %2</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n Datei</numerusform>
            <numerusform>%n Dateien</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped. The photos read so far are kept.</source>
        <translation>Angehalten. Die bisher gelesenen Fotos bleiben erhalten.</translation>
    </message>
    <message>
        <source>%1 new, %2 already handed in, %3 new versions, %4 not taken.</source>
        <translation>%1 neu, %2 schon abgegeben, %3 neue Versionen, %4 nicht übernommen.</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Show my albums</source>
        <translation>Meine Alben zeigen</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) to read (%1)</source>
        <translation>
            <numerusform>%n Foto zu lesen (%1)</numerusform>
            <numerusform>%n Fotos zu lesen (%1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n photo(s) read</source>
        <translation>
            <numerusform>%1 von %n Foto gelesen</numerusform>
            <numerusform>%1 von %n Fotos gelesen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Not all photos could be handed in.</source>
        <translation>Nicht alle Fotos konnten abgegeben werden.</translation>
    </message>
    <message>
        <source>You may take your card now: every photo is stored. Previews are being made.</source>
        <translation>Sie können Ihre Karte jetzt entnehmen: Alle Fotos sind gespeichert. Die Vorschaubilder werden erstellt.</translation>
    </message>
    <message>
        <source>You may take your card now. Previews: %1 of %2.</source>
        <translation>Sie können Ihre Karte jetzt entnehmen. Vorschaubilder: %1 von %2.</translation>
    </message>
    <message>
        <source>Done. You may take your card.</source>
        <translation>Fertig. Sie können Ihre Karte entnehmen.</translation>
    </message>
    <message>
        <source>Copying your photos from %1</source>
        <translation>Ihre Fotos werden von %1 kopiert</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n file(s) copied</source>
        <translation>
            <numerusform>%1 von %n Datei kopiert</numerusform>
            <numerusform>%1 von %n Dateien kopiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>You may unplug your camera or phone now: %n file(s) copied.</source>
        <translation>
            <numerusform>Sie können Ihre Kamera oder Ihr Telefon jetzt abstecken: %n Datei kopiert.</numerusform>
            <numerusform>Sie können Ihre Kamera oder Ihr Telefon jetzt abstecken: %n Dateien kopiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be copied: see below.</source>
        <translation>
            <numerusform>%n Datei konnte nicht kopiert werden: siehe unten.</numerusform>
            <numerusform>%n Dateien konnten nicht kopiert werden: siehe unten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Every photo is stored. Previews are being made.</source>
        <translation>Alle Fotos sind gespeichert. Die Vorschaubilder werden erstellt.</translation>
    </message>
    <message>
        <source>Previews: %1 of %2.</source>
        <translation>Vorschaubilder: %1 von %2.</translation>
    </message>
    <message>
        <source>Done. You may unplug your camera or phone.</source>
        <translation>Fertig. Sie können Ihre Kamera oder Ihr Telefon abstecken.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Kept: it looks like a photo you handed in on %1.</source>
        <translation>Behalten: Es sieht aus wie ein Foto, das Sie am %1 abgegeben haben.</translation>
    </message>
    <message>
        <source>Kept: it looks like a photo you handed in on %1 (%2).</source>
        <translation>Behalten: Es sieht aus wie ein Foto, das Sie am %1 abgegeben haben (%2).</translation>
    </message>
    <message numerus="yes">
        <source>%n look(s) like photos you handed in before; they were kept.</source>
        <translation>
            <numerusform>%n Foto sieht aus wie ein Foto, das Sie schon einmal abgegeben haben; es wurde behalten.</numerusform>
            <numerusform>%n Fotos sehen aus wie Fotos, die Sie schon einmal abgegeben haben; sie wurden behalten.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Keepsake::IndexSheet</name>
    <message>
        <source>The index sheet cannot be drawn: the printer or PDF file did not open for painting.</source>
        <translation>Der Indexprint kann nicht gezeichnet werden: Der Drucker oder die PDF-Datei ließ sich nicht zum Zeichnen öffnen.</translation>
    </message>
    <message>
        <source>The printer or PDF file refused a new page; check the free space and try again.</source>
        <translation>Der Drucker oder die PDF-Datei hat eine neue Seite abgelehnt; prüfen Sie den freien Platz und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The index sheet was cancelled; nothing was printed.</source>
        <translation>Der Indexprint wurde abgebrochen; es wurde nichts gedruckt.</translation>
    </message>
    <message>
        <source>No photos.</source>
        <translation>Keine Fotos.</translation>
    </message>
    <message>
        <source>The index sheet could not be finished; check the free space and try again.</source>
        <translation>Der Indexprint konnte nicht fertiggestellt werden; prüfen Sie den freien Platz und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Seite %1 von %2</translation>
    </message>
    <message>
        <source>%1 (customer %2)</source>
        <translation>%1 (Kunde %2)</translation>
    </message>
    <message>
        <source>Not yet on disc</source>
        <translation>Noch nicht auf Disc</translation>
    </message>
    <message>
        <source>Disc %1, recorded on %2</source>
        <translation>Disc %1, gebrannt am %2</translation>
    </message>
    <message numerus="yes">
        <source>Album(s): %1</source>
        <translation>
            <numerusform>Album: %1</numerusform>
            <numerusform>Alben: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Selection: %1 of %n photo(s)</source>
        <translation>
            <numerusform>Auswahl: %1 von %n Foto</numerusform>
            <numerusform>Auswahl: %1 von %n Fotos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n Foto</numerusform>
            <numerusform>%n Fotos</numerusform>
        </translation>
    </message>
    <message>
        <source>no picture</source>
        <translation>kein Bild</translation>
    </message>
    <message>
        <source>no capture date</source>
        <translation>kein Aufnahmedatum</translation>
    </message>
    <message>
        <source>%1 · cover</source>
        <translation>%1 · Titelbild</translation>
    </message>
</context>
<context>
    <name>Keepsake::IngestCommand</name>
    <message>
        <source>hand in a card or folder for a customer</source>
        <translation>eine Karte oder einen Ordner für einen Kunden abgeben</translation>
    </message>
    <message>
        <source>the customer handing the photos in</source>
        <translation>der Kunde, der die Fotos abgibt</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>put every photo into the customer&apos;s album of this title</source>
        <translation>jedes Foto in das Album des Kunden mit diesem Titel legen</translation>
    </message>
    <message>
        <source>TITLE</source>
        <translation>TITEL</translation>
    </message>
    <message>
        <source>store photos already received anyway</source>
        <translation>bereits erhaltene Fotos trotzdem speichern</translation>
    </message>
    <message>
        <source>read every file whole (no header shortcut)</source>
        <translation>jede Datei ganz lesen (keine Abkürzung über den Dateikopf)</translation>
    </message>
    <message>
        <source>do not make thumbnails now</source>
        <translation>jetzt keine Vorschaubilder erstellen</translation>
    </message>
    <message>
        <source>cards or folders to hand in</source>
        <translation>abzugebende Karten oder Ordner</translation>
    </message>
    <message>
        <source>PATH...</source>
        <translation>PFAD...</translation>
    </message>
    <message>
        <source>Say whose photos these are: --customer CODE.</source>
        <translation>Sagen Sie, wessen Fotos das sind: --customer CODE.</translation>
    </message>
    <message>
        <source>files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>Hand-in %1 for %2 (pickup code %3): %4 new, %5 already received, %6 new versions, %7 rejected; %8 stored in %9 s.</source>
        <translation>Abgabe %1 für %2 (Abholcode %3): %4 neu, %5 schon erhalten, %6 neue Versionen, %7 abgelehnt; %8 gespeichert in %9 s.</translation>
    </message>
    <message>
        <source>Cancelled: the photos listed above are stored; hand the card in again to finish.</source>
        <translation>Abgebrochen: Die oben aufgeführten Fotos sind gespeichert; geben Sie die Karte erneut ab, um fertig zu werden.</translation>
    </message>
    <message numerus="yes">
        <source>The card may be removed: %n photo(s) stored safely.</source>
        <translation>
            <numerusform>Die Karte kann entnommen werden: %n Foto sicher gespeichert.</numerusform>
            <numerusform>Die Karte kann entnommen werden: %n Fotos sicher gespeichert.</numerusform>
        </translation>
    </message>
    <message>
        <source>thumbnails</source>
        <translation>Vorschaubilder</translation>
    </message>
    <message>
        <source>Hands in the photos of a card or folder, or of a camera or phone on USB: stores the ones not received before and sorts them into albums.</source>
        <translation>Gibt die Fotos einer Karte oder eines Ordners ab, oder die einer Kamera bzw. eines Telefons an USB: speichert die noch nicht erhaltenen Fotos und ordnet sie in Alben ein.</translation>
    </message>
    <message>
        <source>hand in the camera or phone at this USB port (see: keepsakectl usb)</source>
        <translation>die Kamera oder das Telefon an diesem USB-Port abgeben (siehe: keepsakectl usb)</translation>
    </message>
    <message>
        <source>PORT</source>
        <translation>PORT</translation>
    </message>
    <message>
        <source>its model, when autodetect does not name it</source>
        <translation>das Modell des Geräts, wenn die automatische Erkennung es nicht nennt</translation>
    </message>
    <message>
        <source>MODEL</source>
        <translation>MODELL</translation>
    </message>
    <message>
        <source>Hand in either a card or folder, or a camera with --usb, not both.</source>
        <translation>Geben Sie entweder eine Karte oder einen Ordner ab oder eine Kamera mit --usb, nicht beides.</translation>
    </message>
    <message>
        <source>Name the card or folder to hand in, or a camera with --usb PORT.</source>
        <translation>Nennen Sie die abzugebende Karte oder den Ordner oder eine Kamera mit --usb PORT.</translation>
    </message>
    <message>
        <source>copied</source>
        <translation>kopiert</translation>
    </message>
    <message numerus="yes">
        <source>The camera may be unplugged: %n file(s) copied from it.</source>
        <translation>
            <numerusform>Die Kamera kann abgesteckt werden: %n Datei von ihr kopiert.</numerusform>
            <numerusform>Die Kamera kann abgesteckt werden: %n Dateien von ihr kopiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) stored safely.</source>
        <translation>
            <numerusform>%n Foto sicher gespeichert.</numerusform>
            <numerusform>%n Fotos sicher gespeichert.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Keepsake::IngestJob</name>
    <message>
        <source>Name the card or folder to hand in.</source>
        <translation>Nennen Sie die abzugebende Karte oder den Ordner.</translation>
    </message>
    <message>
        <source>%1 does not exist. Check the card is inserted and the path is right.</source>
        <translation>%1 existiert nicht. Prüfen Sie, ob die Karte eingesteckt und der Pfad richtig ist.</translation>
    </message>
    <message>
        <source>The folder %1 cannot be read. Check its permissions.</source>
        <translation>Der Ordner %1 kann nicht gelesen werden. Prüfen Sie seine Rechte.</translation>
    </message>
    <message>
        <source>No hand-in could be started.</source>
        <translation>Es konnte keine Abgabe begonnen werden.</translation>
    </message>
    <message>
        <source>no picture could be read from the file</source>
        <translation>aus der Datei konnte kein Bild gelesen werden</translation>
    </message>
    <message>
        <source>a new version of %1 (photo %2): the same shot by its camera data, with other bytes</source>
        <translation>eine neue Version von %1 (Foto %2): dieselbe Aufnahme laut Kameradaten, mit anderen Bytes</translation>
    </message>
    <message>
        <source>%1 could not be stored: </source>
        <translation>%1 konnte nicht gespeichert werden: </translation>
    </message>
    <message numerus="yes">
        <source>The hand-in stopped: %1 %n photo(s) of it were stored before; they stay in the catalog. Solve the problem (free space in the data folder, for one) and hand the card in again: what is stored is recognised, the rest is taken in.</source>
        <translation>
            <numerusform>Die Abgabe wurde beendet: %1 %n Foto daraus war schon gespeichert; es bleibt im Katalog. Beheben Sie das Problem (etwa Platz im Datenordner schaffen) und geben Sie die Karte erneut ab: Gespeichertes wird erkannt, der Rest wird übernommen.</numerusform>
            <numerusform>Die Abgabe wurde beendet: %1 %n Fotos daraus waren schon gespeichert; sie bleiben im Katalog. Beheben Sie das Problem (etwa Platz im Datenordner schaffen) und geben Sie die Karte erneut ab: Gespeichertes wird erkannt, der Rest wird übernommen.</numerusform>
        </translation>
    </message>
    <message>
        <source>The hand-in does not say where its files come from: name its source.</source>
        <translation>Die Abgabe sagt nicht, woher ihre Dateien kommen: geben Sie ihre Quelle an.</translation>
    </message>
</context>
<context>
    <name>Keepsake::JobDialog</name>
    <message>
        <source>Print receipt…</source>
        <translation>Beleg drucken …</translation>
    </message>
    <message>
        <source>Pickup code: %1</source>
        <translation>Abholcode: %1</translation>
    </message>
</context>
<context>
    <name>Keepsake::JobProgress</name>
    <message>
        <source>Stopping after the current file…</source>
        <translation>Wird nach der aktuellen Datei angehalten …</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>Keepsake::KioskRegistrations</name>
    <message>
        <source>The kiosk registrations cannot be read: </source>
        <translation>Die Terminal-Anmeldungen können nicht gelesen werden: </translation>
    </message>
    <message>
        <source>The registration of customer %1 is recorded by the kiosk, the customer or the clerk, not by %2.</source>
        <translation>Die Anmeldung von Kunde %1 erfassen das Terminal, der Kunde selbst oder die Mitarbeiter, nicht %2.</translation>
    </message>
    <message>
        <source>There is no customer %1 whose registration could be recorded; register them again.</source>
        <translation>Es gibt keinen Kunden %1, dessen Anmeldung erfasst werden könnte; melden Sie ihn erneut an.</translation>
    </message>
    <message>
        <source>New customers register at a kiosk before they sign in, or at the counter; %1 may not register one.</source>
        <translation>Neue Kunden registrieren sich vor dem ersten Anmelden an einem Foto-Terminal oder an der Theke; %1 darf keinen Kunden registrieren.</translation>
    </message>
</context>
<context>
    <name>Keepsake::KioskWindow</name>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft …</translation>
    </message>
    <message>
        <source>Keepsake — Photo kiosk</source>
        <translation>Keepsake — Foto-Terminal</translation>
    </message>
    <message>
        <source>A caption for this photo (it goes onto your disc and prints; leave it empty for none)</source>
        <translation>Eine Bildunterschrift für dieses Foto (sie kommt auf Ihre Disc und Ihre Abzüge; für keine einfach leer lassen)</translation>
    </message>
    <message>
        <source>Printing your receipt…</source>
        <translation>Ihr Beleg wird gedruckt…</translation>
    </message>
    <message>
        <source>Your receipt is printed: take it from the printer.</source>
        <translation>Ihr Beleg ist gedruckt: Bitte nehmen Sie ihn aus dem Drucker.</translation>
    </message>
</context>
<context>
    <name>Keepsake::Lab</name>
    <message>
        <source>The data folder %1 cannot be created (%2). Check the path and its permissions, or choose another with --data-dir.</source>
        <translation>Der Datenordner %1 kann nicht angelegt werden (%2). Prüfen Sie den Pfad und seine Berechtigungen oder wählen Sie mit --data-dir einen anderen.</translation>
    </message>
</context>
<context>
    <name>Keepsake::LabDevice</name>
    <message>
        <source>The device URL &quot;%1&quot; is not usable: give https://HOST:PORT, the address its terminals and the other devices reach it at, e.g. https://192.168.1.20:8443.</source>
        <translation>Die Geräte-URL „%1“ ist nicht verwendbar: Geben Sie https://HOST:PORT an, die Adresse, unter der seine Terminals und die anderen Geräte es erreichen, z. B. https://192.168.1.20:8443.</translation>
    </message>
    <message>
        <source>Only the lab&apos;s clerk makes a data folder a device, not %1.</source>
        <translation>Nur die Mitarbeiter des Labors machen einen Datenordner zu einem Gerät, nicht %1.</translation>
    </message>
    <message>
        <source>%1 is device %2 already. A data folder is one device; use another data folder for another device.</source>
        <translation>%1 ist bereits Gerät %2. Ein Datenordner ist ein Gerät; verwenden Sie für ein anderes Gerät einen anderen Datenordner.</translation>
    </message>
    <message>
        <source>There is already a device named %1 in this catalog (at %2). Choose another name.</source>
        <translation>In diesem Katalog gibt es bereits ein Gerät namens %1 (unter %2). Wählen Sie einen anderen Namen.</translation>
    </message>
</context>
<context>
    <name>Keepsake::LabKey</name>
    <message>
        <source>The lab key could not be encoded.</source>
        <translation>Der Laborschlüssel konnte nicht kodiert werden.</translation>
    </message>
    <message>
        <source>The lab key %1 cannot be read: %2. Check its owner and permissions.</source>
        <translation>Der Laborschlüssel %1 kann nicht gelesen werden: %2. Prüfen Sie Besitzer und Rechte.</translation>
    </message>
    <message>
        <source>The lab key %1 is damaged: it is not an Ed25519 key. Restore it from a backup; without it the lab&apos;s discs cannot be appended to.</source>
        <translation>Der Laborschlüssel %1 ist beschädigt: Er ist kein Ed25519-Schlüssel. Stellen Sie ihn aus einer Sicherung wieder her; ohne ihn kann an die Discs des Labors nichts angehängt werden.</translation>
    </message>
    <message>
        <source>A lab key could not be made.</source>
        <translation>Es konnte kein Laborschlüssel erstellt werden.</translation>
    </message>
    <message>
        <source>The lab key could not be saved to %1: %2</source>
        <translation>Der Laborschlüssel konnte nicht in %1 gespeichert werden: %2</translation>
    </message>
    <message>
        <source>The lab key %1 could not be used.</source>
        <translation>Der Laborschlüssel %1 konnte nicht verwendet werden.</translation>
    </message>
    <message>
        <source>The disc manifest could not be signed.</source>
        <translation>Das Disc-Manifest konnte nicht signiert werden.</translation>
    </message>
    <message>
        <source>This lab has no key yet (%1): it has made no disc, so no disc can be checked as its own yet.</source>
        <translation>Dieses Labor hat noch keinen Schlüssel (%1): Es hat noch keine Disc gebrannt, daher kann noch keine Disc als eigene geprüft werden.</translation>
    </message>
    <message>
        <source>A lab key of the chain is damaged in the catalog: its public key has %1 bytes, not 32.</source>
        <translation>Ein Laborschlüssel der Kette ist im Katalog beschädigt: Sein öffentlicher Schlüssel hat %1 Bytes, nicht 32.</translation>
    </message>
    <message>
        <source>The disc manifest could not be signed: this is another device&apos;s key, known here by its public half only.</source>
        <translation>Das Disc-Manifest konnte nicht signiert werden: Dies ist der Schlüssel eines anderen Geräts, hier nur über seine öffentliche Hälfte bekannt.</translation>
    </message>
</context>
<context>
    <name>Keepsake::LabKeys</name>
    <message>
        <source>The catalog holds another public key under the lab key ID %1. Discs signed with this data folder&apos;s key cannot be told apart from another&apos;s: ask the chain&apos;s administrator to check the table lab_keys.</source>
        <translation>Der Katalog enthält unter der Laborschlüssel-ID %1 einen anderen öffentlichen Schlüssel. Mit dem Schlüssel dieses Datenordners signierte Discs lassen sich nicht von denen eines anderen unterscheiden: Bitten Sie den Administrator der Kette, die Tabelle lab_keys zu prüfen.</translation>
    </message>
</context>
<context>
    <name>Keepsake::LabRoutes</name>
    <message>
        <source>An album is named by its ID here.</source>
        <translation>Ein Album wird hier über seine ID benannt.</translation>
    </message>
    <message>
        <source>Customers sign in at a kiosk terminal.</source>
        <translation>Kunden melden sich an einem Foto-Terminal an.</translation>
    </message>
</context>
<context>
    <name>Keepsake::MailAddress</name>
    <message>
        <source>&quot;%1&quot; is not an e-mail address: it holds a line break or another control character.</source>
        <translation>„%1“ ist keine E-Mail-Adresse: Sie enthält einen Zeilenumbruch oder ein anderes Steuerzeichen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an e-mail address: write it as name@example.com, without spaces or quotes.</source>
        <translation>„%1“ ist keine E-Mail-Adresse: Schreiben Sie sie als name@example.com, ohne Leerzeichen oder Anführungszeichen.</translation>
    </message>
</context>
<context>
    <name>Keepsake::MetadataReader</name>
    <message>
        <source>The file is empty.</source>
        <translation>Die Datei ist leer.</translation>
    </message>
    <message>
        <source>The photo&apos;s metadata cannot be read: %1</source>
        <translation>Die Metadaten des Fotos können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
</context>
<context>
    <name>Keepsake::NoticeCards</name>
    <message>
        <source>Album: %1</source>
        <translation>Album: %1</translation>
    </message>
    <message>
        <source>Shared with you: the album has expired</source>
        <translation>Mit Ihnen geteilt: Das Album ist abgelaufen</translation>
    </message>
    <message>
        <source>Shared with you: the album expires soon</source>
        <translation>Mit Ihnen geteilt: Das Album läuft bald ab</translation>
    </message>
    <message>
        <source>Could be viewed until %1</source>
        <translation>Konnte bis %1 angesehen werden</translation>
    </message>
    <message>
        <source>You can view it until %1</source>
        <translation>Sie können es bis %1 ansehen</translation>
    </message>
    <message>
        <source>Look at it before then: after that only its owner gets it back, on disc.</source>
        <translation>Sehen Sie es sich vorher an: Danach bekommt es nur sein Besitzer zurück, auf Disc.</translation>
    </message>
    <message>
        <source>Your album has expired</source>
        <translation>Ihr Album ist abgelaufen</translation>
    </message>
    <message>
        <source>Your album expires soon</source>
        <translation>Ihr Album läuft bald ab</translation>
    </message>
    <message>
        <source>Expired on %1</source>
        <translation>Abgelaufen am %1</translation>
    </message>
    <message>
        <source>Kept until %1</source>
        <translation>Aufbewahrt bis %1</translation>
    </message>
    <message>
        <source>It is recorded on a disc for you. To keep it longer instead, ask at the counter.</source>
        <translation>Es wird für Sie auf eine Disc gebrannt. Soll es stattdessen länger aufbewahrt werden, fragen Sie an der Theke.</translation>
    </message>
    <message>
        <source>To keep it longer, ask at the counter. Otherwise it is recorded on a disc for you.</source>
        <translation>Soll es länger aufbewahrt werden, fragen Sie an der Theke. Sonst wird es für Sie auf eine Disc gebrannt.</translation>
    </message>
    <message>
        <source>Recorded on %1</source>
        <translation>Gebrannt am %1</translation>
    </message>
    <message>
        <source>Shared with you: the album went to its owner on disc</source>
        <translation>Mit Ihnen geteilt: Das Album ging auf Disc an seinen Besitzer</translation>
    </message>
    <message>
        <source>You can no longer view it here.</source>
        <translation>Sie können es hier nicht mehr ansehen.</translation>
    </message>
    <message>
        <source>Your album is on a disc</source>
        <translation>Ihr Album ist auf einer Disc</translation>
    </message>
    <message>
        <source>Recorded on %1. The lab deletes its copy on %2.</source>
        <translation>Gebrannt am %1. Das Labor löscht seine Kopie am %2.</translation>
    </message>
    <message>
        <source>Pick up your disc at the counter.</source>
        <translation>Holen Sie Ihre Disc an der Theke ab.</translation>
    </message>
    <message>
        <source>Pick up disc %1 at the counter with the code %2.</source>
        <translation>Holen Sie Disc %1 mit dem Code %2 an der Theke ab.</translation>
    </message>
</context>
<context>
    <name>Keepsake::NoticeDelivery</name>
    <message>
        <source>Delivery of the notices was cancelled; the rest stay queued.</source>
        <translation>Die Zustellung der Benachrichtigungen wurde abgebrochen; der Rest bleibt in der Warteschlange.</translation>
    </message>
</context>
<context>
    <name>Keepsake::NoticeMail</name>
    <message>
        <source>Your album &quot;%1&quot; will be recorded on disc after %2</source>
        <translation>Ihr Album „%1“ wird nach dem %2 auf Disc gebrannt</translation>
    </message>
    <message>
        <source>The album &quot;%1&quot; shared with you will be recorded on disc after %2</source>
        <translation>Das mit Ihnen geteilte Album „%1“ wird nach dem %2 auf Disc gebrannt</translation>
    </message>
    <message>
        <source>The album &quot;%1&quot; is on disc %2</source>
        <translation>Das Album „%1“ ist auf Disc %2</translation>
    </message>
    <message>
        <source>Hello %1,</source>
        <translation>Hallo %1,</translation>
    </message>
    <message numerus="yes">
        <source>your album &quot;%1&quot; with %n photo(s) is kept at %2 until %3.</source>
        <translation>
            <numerusform>Ihr Album „%1“ mit %n Foto wird bei %2 bis zum %3 aufbewahrt.</numerusform>
            <numerusform>Ihr Album „%1“ mit %n Fotos wird bei %2 bis zum %3 aufbewahrt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%4 shared the album &quot;%1&quot; with %n photo(s) with you. It is kept at %2 until %3.</source>
        <translation>
            <numerusform>%4 hat das Album „%1“ mit %n Foto mit Ihnen geteilt. Es wird bei %2 bis zum %3 aufbewahrt.</numerusform>
            <numerusform>%4 hat das Album „%1“ mit %n Fotos mit Ihnen geteilt. Es wird bei %2 bis zum %3 aufbewahrt.</numerusform>
        </translation>
    </message>
    <message>
        <source>After that day the photos are recorded onto a disc that comes back to %1 at the counter, and they are no longer shown online or at the kiosk.</source>
        <translation>Nach diesem Tag werden die Fotos auf eine Disc gebrannt, die %1 an der Theke zurückbekommt, und sie werden nicht mehr online oder am Terminal gezeigt.</translation>
    </message>
    <message>
        <source>To keep the album longer, ask at the counter or reply to this mail: the lab can extend it.</source>
        <translation>Soll das Album länger aufbewahrt werden, fragen Sie an der Theke oder antworten Sie auf diese Mail: Das Labor kann es verlängern.</translation>
    </message>
    <message numerus="yes">
        <source>the album &quot;%1&quot; with %n photo(s) was recorded onto disc %2 on %3.</source>
        <translation>
            <numerusform>Ihr Album „%1“ mit %n Foto wurde am %3 auf Disc %2 gebrannt.</numerusform>
            <numerusform>Ihr Album „%1“ mit %n Fotos wurde am %3 auf Disc %2 gebrannt.</numerusform>
        </translation>
    </message>
    <message>
        <source>The disc is ready at the counter; the pickup code is %1.</source>
        <translation>Die Disc liegt an der Theke bereit; der Abholcode ist %1.</translation>
    </message>
    <message numerus="yes">
        <source>The album is no longer shown online or at the kiosk; the lab deletes its copy %n day(s) after recording.</source>
        <translation>
            <numerusform>Das Album wird nicht mehr online oder am Terminal gezeigt; das Labor löscht seine Kopie %n Tag nach dem Brennen.</numerusform>
            <numerusform>Das Album wird nicht mehr online oder am Terminal gezeigt; das Labor löscht seine Kopie %n Tage nach dem Brennen.</numerusform>
        </translation>
    </message>
    <message>
        <source>you</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>Kind regards,</source>
        <translation>Mit freundlichen Grüßen</translation>
    </message>
    <message>
        <source>See the album on the lab&apos;s web page (this link works once): %1</source>
        <translation>Sehen Sie sich das Album auf der Webseite des Labors an (dieser Link gilt nur einmal): %1</translation>
    </message>
</context>
<context>
    <name>Keepsake::NoticeMails</name>
    <message>
        <source>How the notice mails went is shown to the clerk only (they name every recipient), not to %1; ask at the counter.</source>
        <translation>Wie die Hinweis-Mails verschickt wurden, sehen nur die Mitarbeiter (sie nennen jeden Empfänger), nicht %1; fragen Sie an der Theke.</translation>
    </message>
</context>
<context>
    <name>Keepsake::NoticesPage</name>
    <message>
        <source>Your notices</source>
        <translation>Ihre Hinweise</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>No notices. Your albums are kept until the dates shown with them.</source>
        <translation>Keine Hinweise. Ihre Alben werden bis zu den angezeigten Daten aufbewahrt.</translation>
    </message>
    <message>
        <source>Tap a notice to read all of it. To keep an album longer, ask at the counter.</source>
        <translation>Tippen Sie auf einen Hinweis, um ihn ganz zu lesen. Soll ein Album länger aufbewahrt werden, fragen Sie an der Theke.</translation>
    </message>
</context>
<context>
    <name>Keepsake::PdfTextFix</name>
    <message>
        <source>The PDF %1 was written but its text could not be checked (%2). Try again; if it keeps failing, report this message.</source>
        <translation>Das PDF %1 wurde geschrieben, aber sein Text konnte nicht geprüft werden (%2). Versuchen Sie es erneut; wenn es weiter scheitert, melden Sie diese Meldung.</translation>
    </message>
</context>
<context>
    <name>Keepsake::PhoneAddresses</name>
    <message>
        <source>Phones can hand in only at a lab whose data folder is a device that serves: run keepsakectl device init, then keepsakectl serve.</source>
        <translation>Vom Telefon abgeben ist nur bei einem Labor möglich, dessen Datenordner ein Gerät mit laufendem Dienst ist: Führen Sie keepsakectl device init und danach keepsakectl serve aus.</translation>
    </message>
</context>
<context>
    <name>Keepsake::PhoneHandins</name>
    <message>
        <source>This upload address takes no more photos (it was used, or 15 minutes have passed): ask the kiosk for a new code.</source>
        <translation>Diese Abgabe-Adresse nimmt keine Fotos mehr an (sie wurde schon benutzt, oder 15 Minuten sind vergangen): Lassen Sie sich am Terminal einen neuen Code zeigen.</translation>
    </message>
    <message>
        <source>Offer %1 before sending it.</source>
        <translation>Bieten Sie %1 an, bevor Sie es senden.</translation>
    </message>
</context>
<context>
    <name>Keepsake::PhonePage</name>
    <message>
        <source>Making your code…</source>
        <translation>Ihr Code wird erstellt …</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) received</source>
        <translation>
            <numerusform>%n Foto empfangen</numerusform>
            <numerusform>%n Fotos empfangen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) received. Putting them into your albums…</source>
        <translation>
            <numerusform>%n Foto empfangen. Es kommt in Ihre Alben …</numerusform>
            <numerusform>%n Fotos empfangen. Sie kommen in Ihre Alben …</numerusform>
        </translation>
    </message>
    <message>
        <source>The photos from your phone could not be handed in: %1 Tap &quot;New code&quot; to try again, or ask at the counter.</source>
        <translation>Die Fotos von Ihrem Telefon konnten nicht abgegeben werden: %1 Tippen Sie auf „Neuer Code“, um es noch einmal zu versuchen, oder fragen Sie an der Theke.</translation>
    </message>
    <message>
        <source>The photos from your phone could not be handed in. Tap &quot;New code&quot; to try again, or ask at the counter.</source>
        <translation>Die Fotos von Ihrem Telefon konnten nicht abgegeben werden. Tippen Sie auf „Neuer Code“, um es noch einmal zu versuchen, oder fragen Sie an der Theke.</translation>
    </message>
    <message>
        <source>This code has expired. Tap &quot;New code&quot; for another one.</source>
        <translation>Dieser Code ist abgelaufen. Tippen Sie auf „Neuer Code“ für einen neuen.</translation>
    </message>
    <message numerus="yes">
        <source>%n new photo(s) are in your albums.</source>
        <translation>
            <numerusform>%n neues Foto ist in Ihren Alben.</numerusform>
            <numerusform>%n neue Fotos sind in Ihren Alben.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n you had handed in before.</source>
        <translation>
            <numerusform>%n davon hatten Sie schon früher abgegeben.</numerusform>
            <numerusform>%n davon hatten Sie schon früher abgegeben.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n are new versions of photos you had handed in.</source>
        <translation>
            <numerusform>%n ist eine neue Fassung eines Fotos, das Sie schon abgegeben hatten.</numerusform>
            <numerusform>%n sind neue Fassungen von Fotos, die Sie schon abgegeben hatten.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be taken: Keepsake keeps photos only.</source>
        <translation>
            <numerusform>%n konnte nicht angenommen werden: Keepsake bewahrt nur Fotos auf.</numerusform>
            <numerusform>%n konnten nicht angenommen werden: Keepsake bewahrt nur Fotos auf.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The code works for %n more minute(s).</source>
        <translation>
            <numerusform>Der Code gilt noch %n Minute.</numerusform>
            <numerusform>Der Code gilt noch %n Minuten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Hand in from your phone</source>
        <translation>Vom Telefon abgeben</translation>
    </message>
    <message>
        <source>Scan this code with your phone&apos;s camera. Your phone opens the lab&apos;s page: choose your photos there and send them. They arrive here in a moment, as they are, with nothing made smaller.</source>
        <translation>Scannen Sie diesen Code mit der Kamera Ihres Telefons. Ihr Telefon öffnet die Seite des Labors: Wählen Sie dort Ihre Fotos aus und senden Sie sie. Sie kommen gleich hier an, so wie sie sind, nichts wird verkleinert.</translation>
    </message>
    <message>
        <source>New code</source>
        <translation>Neuer Code</translation>
    </message>
    <message>
        <source>Back to my albums</source>
        <translation>Zurück zu meinen Alben</translation>
    </message>
</context>
<context>
    <name>Keepsake::PhoneUploads</name>
    <message>
        <source>This upload address is unknown: scan the code the kiosk shows again.</source>
        <translation>Diese Abgabe-Adresse ist unbekannt: Scannen Sie den Code, den das Terminal zeigt, noch einmal.</translation>
    </message>
    <message>
        <source>This upload address has expired or was used: ask the kiosk for a new code.</source>
        <translation>Diese Abgabe-Adresse ist abgelaufen oder wurde schon benutzt: Lassen Sie sich am Terminal einen neuen Code zeigen.</translation>
    </message>
</context>
<context>
    <name>Keepsake::PhotoCaptions</name>
    <message>
        <source>Caption…</source>
        <translation>Bildunterschrift…</translation>
    </message>
    <message>
        <source>Write the caption of the chosen photo (also a double-click on it)</source>
        <translation>Bildunterschrift des gewählten Fotos schreiben (auch per Doppelklick darauf)</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>Bildunterschrift</translation>
    </message>
    <message>
        <source>Caption of %1 (empty removes it):</source>
        <translation>Bildunterschrift von %1 (leer entfernt sie):</translation>
    </message>
    <message>
        <source>The caption of %1 was removed.</source>
        <translation>Die Bildunterschrift von %1 wurde entfernt.</translation>
    </message>
    <message>
        <source>The caption of %1 is saved.</source>
        <translation>Die Bildunterschrift von %1 ist gespeichert.</translation>
    </message>
</context>
<context>
    <name>Keepsake::PhotoCommand</name>
    <message>
        <source>a photo&apos;s caption (photo caption --photo PHOTO --text TEXT)</source>
        <translation>Bildunterschrift eines Fotos (photo caption --photo PHOTO --text TEXT)</translation>
    </message>
    <message>
        <source>Usage: keepsakectl photo caption --photo PHOTO --text TEXT
  caption   set or clear a photo&apos;s caption
</source>
        <translation>Aufruf: keepsakectl photo caption --photo PHOTO --text TEXT
  caption   Bildunterschrift eines Fotos setzen oder löschen
</translation>
    </message>
    <message>
        <source>Say what to do: keepsakectl photo caption ...</source>
        <translation>Geben Sie an, was zu tun ist: keepsakectl photo caption ...</translation>
    </message>
    <message>
        <source>There is no &apos;photo %1&apos;; try keepsakectl photo caption.</source>
        <translation>Es gibt kein &apos;photo %1&apos;; versuchen Sie keepsakectl photo caption.</translation>
    </message>
    <message>
        <source>Sets a photo&apos;s caption: it goes into the photo&apos;s sidecar and album.json on its disc and under its picture on index prints. --text &quot;&quot; clears it.</source>
        <translation>Setzt die Bildunterschrift eines Fotos: Sie kommt in die Sidecar-Datei des Fotos und in album.json auf seiner Disc sowie auf Indexprints unter sein Bild. --text &quot;&quot; löscht sie.</translation>
    </message>
    <message>
        <source>the photo&apos;s ID, as photos --json prints it</source>
        <translation>die ID des Fotos, wie photos --json sie ausgibt</translation>
    </message>
    <message>
        <source>PHOTO</source>
        <translation>PHOTO</translation>
    </message>
    <message>
        <source>the caption; empty clears it</source>
        <translation>die Bildunterschrift; leer löscht sie</translation>
    </message>
    <message>
        <source>TEXT</source>
        <translation>TEXT</translation>
    </message>
    <message>
        <source>Name the photo by its ID: --photo PHOTO (keepsakectl photos --album ALBUM lists them).</source>
        <translation>Geben Sie das Foto mit seiner ID an: --photo PHOTO (keepsakectl photos --album ALBUM listet sie auf).</translation>
    </message>
    <message>
        <source>Give the caption: --text TEXT (--text &quot;&quot; clears it).</source>
        <translation>Geben Sie die Bildunterschrift an: --text TEXT (--text &quot;&quot; löscht sie).</translation>
    </message>
    <message>
        <source>Photo %1: caption cleared</source>
        <translation>Foto %1: Bildunterschrift gelöscht</translation>
    </message>
    <message>
        <source>Photo %1: caption &quot;%2&quot;</source>
        <translation>Foto %1: Bildunterschrift „%2“</translation>
    </message>
</context>
<context>
    <name>Keepsake::PhotoGridModel</name>
    <message>
        <source>★ %1</source>
        <translation>★ %1</translation>
    </message>
    <message>
        <source>%1
Taken: %2
Camera: %3</source>
        <translation>%1
Aufgenommen: %2
Kamera: %3</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
</context>
<context>
    <name>Keepsake::PhotoThumbnails</name>
    <message>
        <source>No device of the chain keeps the file %1, so it has no thumbnail. Run keepsakectl check on the devices.</source>
        <translation>Kein Gerät der Kette bewahrt die Datei %1 auf, daher gibt es kein Vorschaubild. Führen Sie keepsakectl check auf den Geräten aus.</translation>
    </message>
</context>
<context>
    <name>Keepsake::PhotoViewPage</name>
    <message>
        <source>This photo cannot be shown large.</source>
        <translation>Dieses Foto kann nicht groß angezeigt werden.</translation>
    </message>
    <message>
        <source>Previous photo</source>
        <translation>Vorheriges Foto</translation>
    </message>
    <message>
        <source>Next photo</source>
        <translation>Nächstes Foto</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>Auswählen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>%1 — photo %2 of %3</source>
        <translation>%1 — Foto %2 von %3</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>Bildunterschrift</translation>
    </message>
    <message>
        <source>Write or change this photo&apos;s caption</source>
        <translation>Bildunterschrift dieses Fotos schreiben oder ändern</translation>
    </message>
</context>
<context>
    <name>Keepsake::PickupLookup</name>
    <message>
        <source>Orders are found by their pickup code at the counter only; %1 may not look them up.</source>
        <translation>Aufträge werden nur an der Theke über den Abholcode gefunden; %1 darf sie nicht nachschlagen.</translation>
    </message>
    <message>
        <source>Type the pickup code from the receipt, e.g. ABCD-EFGH, or scan its QR code.</source>
        <translation>Abholcode vom Beleg eingeben, z. B. ABCD-EFGH, oder seinen QR-Code scannen.</translation>
    </message>
    <message>
        <source>No hand-in and no disc has the pickup code %1. Check the code on the receipt (codes have no 0, O, 1, I or L).</source>
        <translation>Keine Abgabe und keine Disc hat den Abholcode %1. Prüfen Sie den Code auf dem Beleg (Codes enthalten kein 0, O, 1, I oder L).</translation>
    </message>
</context>
<context>
    <name>Keepsake::PickupSearch</name>
    <message>
        <source>Pickup code %1: %2 — %3 (%4).</source>
        <translation>Abholcode %1: %2 — %3 (%4).</translation>
    </message>
    <message numerus="yes">
        <source>disc %1 session %2 of %3, %n photo(s)</source>
        <translation>
            <numerusform>Disc %1, Session %2 von %3, %n Foto</numerusform>
            <numerusform>Disc %1, Session %2 von %3, %n Fotos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>hand-in of %1, %n photo(s)</source>
        <translation>
            <numerusform>Abgabe vom %1, %n Foto</numerusform>
            <numerusform>Abgabe vom %1, %n Fotos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Keepsake::PieceFile</name>
    <message>
        <source>%1 cannot be written: %2.</source>
        <translation>%1 kann nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
</context>
<context>
    <name>Keepsake::PinDialog</name>
    <message>
        <source>New PIN for %1</source>
        <translation>Neue PIN für %1</translation>
    </message>
    <message>
        <source>A new PIN for %1 (%2), to sign in at the kiosk: 4 to 8 digits. The old PIN stops working.</source>
        <translation>Eine neue PIN für %1 (%2) zum Anmelden am Kiosk: 4 bis 8 Ziffern. Die alte PIN wird ungültig.</translation>
    </message>
    <message>
        <source>Make one</source>
        <translation>Erzeugen</translation>
    </message>
    <message>
        <source>Set PIN</source>
        <translation>PIN festlegen</translation>
    </message>
    <message>
        <source>Tell %1 this PIN now: it is shown only here, and the lab keeps no copy it can read.</source>
        <translation>Teilen Sie %1 diese PIN jetzt mit: Sie wird nur hier angezeigt, und das Labor speichert keine lesbare Kopie.</translation>
    </message>
    <message>
        <source>Type a PIN of 4 to 8 digits, or let the window make one.</source>
        <translation>Geben Sie eine PIN mit 4 bis 8 Ziffern ein oder lassen Sie eine erzeugen.</translation>
    </message>
</context>
<context>
    <name>Keepsake::PinLockout</name>
    <message>
        <source>Too many failed sign-ins at this kiosk. Signing in here is paused until %1; please ask at the counter.</source>
        <translation>Zu viele fehlgeschlagene Anmeldungen an diesem Terminal. Die Anmeldung ist hier bis %1 gesperrt; bitte fragen Sie an der Theke.</translation>
    </message>
    <message>
        <source>Too many wrong PINs. This code is locked until %1. Please ask at the counter.</source>
        <translation>Zu viele falsche PINs. Diese Kundennummer ist bis %1 gesperrt. Bitte fragen Sie an der Theke.</translation>
    </message>
    <message>
        <source>The customer code or the PIN is not right. Attempts left: %1.</source>
        <translation>Kundennummer oder PIN stimmen nicht. Verbleibende Versuche: %1.</translation>
    </message>
</context>
<context>
    <name>Keepsake::PrintCommand</name>
    <message>
        <source>index sheets and receipts, to PDF or a printer</source>
        <translation>Indexprints und Belege, als PDF oder auf einen Drucker</translation>
    </message>
    <message>
        <source>Usage: keepsakectl print SUB-COMMAND ...
  index     index sheet of albums or of a disc (claims 8, 9)
  receipt   receipt of a hand-in or disc order, with its pickup code
</source>
        <translation>Aufruf: keepsakectl print UNTERBEFEHL ...
  index     Indexprint von Alben oder einer Disc (Ansprüche 8, 9)
  receipt   Beleg einer Abgabe oder Disc-Bestellung, mit ihrem Abholcode
</translation>
    </message>
    <message>
        <source>Unknown print sub-command &quot;%1&quot;. See: keepsakectl print --help</source>
        <translation>Unbekannter Druck-Unterbefehl „%1“. Siehe: keepsakectl print --help</translation>
    </message>
    <message>
        <source>write a PDF file</source>
        <translation>eine PDF-Datei schreiben</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>DATEI</translation>
    </message>
    <message>
        <source>send to this CUPS printer queue</source>
        <translation>an diese CUPS-Druckerwarteschlange senden</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>Say where the print goes: --pdf FILE or --printer NAME (one of them).</source>
        <translation>Sagen Sie, wohin der Druck geht: --pdf DATEI oder --printer NAME (eines davon).</translation>
    </message>
    <message>
        <source>Unknown paper &quot;%1&quot;; use %2.</source>
        <translation>Unbekanntes Papier „%1“; verwenden Sie %2.</translation>
    </message>
    <message>
        <source>Orientation is portrait or landscape, not &quot;%1&quot;.</source>
        <translation>Die Ausrichtung ist portrait oder landscape, nicht „%1“.</translation>
    </message>
    <message>
        <source>printer %1</source>
        <translation>Drucker %1</translation>
    </message>
    <message>
        <source>Index sheet: %1 photo(s) on %2 page(s) to %3</source>
        <translation>Indexprint: %1 Foto(s) auf %2 Seite(n) an %3</translation>
    </message>
    <message>
        <source>Receipt with pickup code %1 to %2</source>
        <translation>Beleg mit Abholcode %1 an %2</translation>
    </message>
    <message>
        <source>Prints the index sheet of albums or of a disc: every photo as a thumbnail with its frame number, file name and capture date, the cover marked. Without --select, each album&apos;s stored print selection (none: all photos).</source>
        <translation>Druckt den Indexprint von Alben oder einer Disc: jedes Foto als Vorschaubild mit Bildnummer, Dateiname und Aufnahmedatum, das Titelbild markiert. Ohne --select die gespeicherte Druckauswahl jedes Albums (keine: alle Fotos).</translation>
    </message>
    <message>
        <source>the albums&apos; owner (to name albums by title)</source>
        <translation>der Besitzer der Alben (um Alben über den Titel zu nennen)</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>an album (ID, or title with --customer); repeatable</source>
        <translation>ein Album (ID oder Titel mit --customer); wiederholbar</translation>
    </message>
    <message>
        <source>ALBUM</source>
        <translation>ALBUM</translation>
    </message>
    <message>
        <source>what was recorded onto this disc</source>
        <translation>was auf diese Disc gebrannt wurde</translation>
    </message>
    <message>
        <source>DISC</source>
        <translation>DISC</translation>
    </message>
    <message>
        <source>with --disc: only this recording session</source>
        <translation>mit --disc: nur diese Brennsitzung</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>only these photos (IDs or original names), comma-separated</source>
        <translation>nur diese Fotos (IDs oder ursprüngliche Namen), durch Kommas getrennt</translation>
    </message>
    <message>
        <source>PHOTO</source>
        <translation>FOTO</translation>
    </message>
    <message>
        <source>a4 (default), letter, 10x15 or 4x6</source>
        <translation>a4 (Standard), letter, 10x15 oder 4x6</translation>
    </message>
    <message>
        <source>PAPER</source>
        <translation>PAPIER</translation>
    </message>
    <message>
        <source>portrait or landscape (photo paper: landscape)</source>
        <translation>portrait oder landscape (Fotopapier: landscape)</translation>
    </message>
    <message>
        <source>O</source>
        <translation>O</translation>
    </message>
    <message>
        <source>photos per row (default: 5 on A4 portrait)</source>
        <translation>Fotos pro Zeile (Standard: 5 auf A4 hoch)</translation>
    </message>
    <message>
        <source>Name the albums (--album ALBUM) or the disc (--disc DISC), not both.</source>
        <translation>Nennen Sie die Alben (--album ALBUM) oder die Disc (--disc DISC), nicht beides.</translation>
    </message>
    <message>
        <source>--columns takes a number from 1 to 20.</source>
        <translation>--columns erwartet eine Zahl von 1 bis 20.</translation>
    </message>
    <message>
        <source>photos</source>
        <translation>Fotos</translation>
    </message>
    <message>
        <source>Prints a receipt: the customer, what was handed in, the albums and their dates, the discs, and the pickup code as text and QR code. Without --handin or --disc, the customer&apos;s latest hand-in.</source>
        <translation>Druckt einen Beleg: den Kunden, was abgegeben wurde, die Alben und ihre Daten, die Discs und den Abholcode als Text und QR-Code. Ohne --handin oder --disc die letzte Abgabe des Kunden.</translation>
    </message>
    <message>
        <source>the customer</source>
        <translation>der Kunde</translation>
    </message>
    <message>
        <source>this hand-in instead of the latest</source>
        <translation>diese Abgabe statt der letzten</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>the disc order of this disc instead</source>
        <translation>stattdessen die Disc-Bestellung dieser Disc</translation>
    </message>
    <message>
        <source>with --disc: this recording session (default: the latest)</source>
        <translation>mit --disc: diese Brennsitzung (Standard: die letzte)</translation>
    </message>
    <message>
        <source>80mm (roll, default), a4 or letter</source>
        <translation>80mm (Rolle, Standard), a4 oder letter</translation>
    </message>
    <message>
        <source>Name the customer: --customer CODE.</source>
        <translation>Nennen Sie den Kunden: --customer CODE.</translation>
    </message>
    <message>
        <source>Give --handin or --disc, not both.</source>
        <translation>Geben Sie --handin oder --disc an, nicht beides.</translation>
    </message>
    <message>
        <source>--handin takes a hand-in&apos;s number (the &quot;handin&quot; of the ingest summary).</source>
        <translation>--handin erwartet die Nummer einer Abgabe (das „handin“ der Abgabe-Zusammenfassung).</translation>
    </message>
    <message>
        <source>Disc %1 was recorded for another customer; nothing was printed.</source>
        <translation>Disc %1 wurde für einen anderen Kunden gebrannt; es wurde nichts gedruckt.</translation>
    </message>
</context>
<context>
    <name>Keepsake::PrintJobs</name>
    <message>
        <source>Index print %1 %2</source>
        <translation>Indexprint %1 %2</translation>
    </message>
    <message>
        <source>Receipt %1 %2</source>
        <translation>Beleg %1 %2</translation>
    </message>
</context>
<context>
    <name>Keepsake::PrintOutput</name>
    <message>
        <source>The folder %1 cannot be made; check its permissions.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden; prüfen Sie seine Rechte.</translation>
    </message>
    <message>
        <source>No PDF can be written into %1: %2. Check the free space and permissions.</source>
        <translation>In %1 kann kein PDF geschrieben werden: %2. Prüfen Sie freien Platz und Rechte.</translation>
    </message>
    <message>
        <source>The page layout of %1 was refused by the PDF writer.</source>
        <translation>Das Seitenlayout von %1 wurde vom PDF-Schreiber abgelehnt.</translation>
    </message>
    <message>
        <source>The PDF %1 could not be written: %2. Check the free space.</source>
        <translation>Das PDF %1 konnte nicht geschrieben werden: %2. Prüfen Sie den freien Platz.</translation>
    </message>
    <message>
        <source>The PDF %1 could not be put in place; check the folder&apos;s permissions.</source>
        <translation>Das PDF %1 konnte nicht an seinen Platz gebracht werden; prüfen Sie die Rechte des Ordners.</translation>
    </message>
    <message>
        <source>The print command lp could not be started (%1). Install CUPS&apos;s client (package cups-client) or print to a PDF file instead.</source>
        <translation>Der Druckbefehl lp konnte nicht gestartet werden (%1). Installieren Sie den CUPS-Client (Paket cups-client) oder drucken Sie stattdessen in eine PDF-Datei.</translation>
    </message>
    <message>
        <source>The printer %1 did not take the job within two minutes; check CUPS with lpstat -p %1.</source>
        <translation>Der Drucker %1 hat den Auftrag nicht innerhalb von zwei Minuten angenommen; prüfen Sie CUPS mit lpstat -p %1.</translation>
    </message>
    <message>
        <source>The printer %1 did not take the job: %2. Check the queue&apos;s name with lpstat -p, or print to a PDF file instead.</source>
        <translation>Der Drucker %1 hat den Auftrag nicht angenommen: %2. Prüfen Sie den Namen der Warteschlange mit lpstat -p oder drucken Sie stattdessen in eine PDF-Datei.</translation>
    </message>
    <message>
        <source>No temporary folder for the print job: %1.</source>
        <translation>Kein temporärer Ordner für den Druckauftrag: %1.</translation>
    </message>
    <message>
        <source>The PDF %1 cannot be repaired: no file can be made beside it (%2). Check the free space and permissions.</source>
        <translation>Das PDF %1 kann nicht repariert werden: Daneben lässt sich keine Datei anlegen (%2). Prüfen Sie freien Speicherplatz und Berechtigungen.</translation>
    </message>
    <message>
        <source>The PDF %1 was printed, but its text could not be repaired: </source>
        <translation>Das PDF %1 wurde gedruckt, aber sein Text konnte nicht repariert werden: </translation>
    </message>
    <message>
        <source>The repaired PDF %1 could not be put in place; check the folder&apos;s permissions.</source>
        <translation>Das reparierte PDF %1 konnte nicht an seinen Platz gebracht werden; prüfen Sie die Berechtigungen des Ordners.</translation>
    </message>
</context>
<context>
    <name>Keepsake::PrintPreview</name>
    <message>
        <source>Index print %1 %2</source>
        <translation>Indexprint %1 %2</translation>
    </message>
    <message>
        <source>Receipt %1 %2</source>
        <translation>Beleg %1 %2</translation>
    </message>
</context>
<context>
    <name>Keepsake::PrintSources</name>
    <message>
        <source>Albums %1 and %2 belong to different customers; an index sheet shows one customer&apos;s albums.</source>
        <translation>Die Alben %1 und %2 gehören verschiedenen Kunden; ein Indexprint zeigt die Alben eines Kunden.</translation>
    </message>
    <message>
        <source>Name at least one album for the index sheet.</source>
        <translation>Nennen Sie mindestens ein Album für den Indexprint.</translation>
    </message>
    <message>
        <source>Disc %1 has no session %2 with photos. See keepsakectl disc show.</source>
        <translation>Disc %1 hat keine Sitzung %2 mit Fotos. Siehe keepsakectl disc show.</translation>
    </message>
    <message>
        <source>There is no disc %1 with photos in the catalog.</source>
        <translation>Im Katalog gibt es keine Disc %1 mit Fotos.</translation>
    </message>
    <message>
        <source>The customer has no hand-in %1.</source>
        <translation>Der Kunde hat keine Abgabe %1.</translation>
    </message>
    <message>
        <source>The customer has not handed in any photos yet; there is no receipt to print.</source>
        <translation>Der Kunde hat noch keine Fotos abgegeben; es gibt keinen Beleg zu drucken.</translation>
    </message>
    <message>
        <source>There is no recording of disc %1 in the catalog.</source>
        <translation>Im Katalog gibt es keine Brennsitzung von Disc %1.</translation>
    </message>
    <message>
        <source>There is no disc %1 in the catalog. The disc ID is on the disc&apos;s label and in keepsakectl disc show.</source>
        <translation>Im Katalog gibt es keine Disc %1. Die Disc-ID steht auf dem Etikett der Disc und in keepsakectl disc show.</translation>
    </message>
    <message>
        <source>None of the albums has a photo &quot;%1&quot;. List their photos with keepsakectl photos --album ALBUM.</source>
        <translation>Keines der Alben hat ein Foto „%1“. Ihre Fotos zeigt keepsakectl photos --album ALBUM.</translation>
    </message>
</context>
<context>
    <name>Keepsake::PrivateFiles</name>
    <message>
        <source>The folder %1 cannot be created. Check the path and its permissions.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden. Prüfen Sie den Pfad und seine Berechtigungen.</translation>
    </message>
    <message>
        <source>The folder %1 cannot be created: %2. Check the path and its permissions.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden: %2. Prüfen Sie den Pfad und seine Berechtigungen.</translation>
    </message>
    <message>
        <source>The folder %1 cannot be made private (mode 700): %2. Check its owner.</source>
        <translation>Der Ordner %1 kann nicht privat gemacht werden (Modus 700): %2. Prüfen Sie seinen Besitzer.</translation>
    </message>
    <message>
        <source>The file %1 cannot be created: %2. Check the folder&apos;s permissions.</source>
        <translation>Die Datei %1 kann nicht angelegt werden: %2. Prüfen Sie die Berechtigungen des Ordners.</translation>
    </message>
    <message>
        <source>The file %1 cannot be made private (mode 600): %2. Check its owner.</source>
        <translation>Die Datei %1 kann nicht privat gemacht werden (Modus 600): %2. Prüfen Sie ihren Besitzer.</translation>
    </message>
</context>
<context>
    <name>Keepsake::Purge</name>
    <message>
        <source>it is %1, not recorded on a disc</source>
        <translation>es ist %1, nicht auf eine Disc gebrannt</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) are not on a disc that was verified by reading it back; verify the disc first (keepsakectl verify)</source>
        <translation>
            <numerusform>%n Foto ist nicht auf einer Disc, die durch Zurücklesen geprüft wurde; prüfen Sie zuerst die Disc (keepsakectl verify)</numerusform>
            <numerusform>%n Fotos sind nicht auf einer Disc, die durch Zurücklesen geprüft wurde; prüfen Sie zuerst die Disc (keepsakectl verify)</numerusform>
        </translation>
    </message>
    <message>
        <source>still in its grace period until %1 (recorded on %2)</source>
        <translation>noch in seiner Frist bis %1 (gebrannt am %2)</translation>
    </message>
    <message numerus="yes">
        <source>on a verified disc; grace period of %n day(s) ended on %1</source>
        <translation>
            <numerusform>auf einer geprüften Disc; Frist von %n Tag endete am %1</numerusform>
            <numerusform>auf einer geprüften Disc; Frist von %n Tagen endete am %1</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no album %1.</source>
        <translation>Es gibt kein Album %1.</translation>
    </message>
    <message>
        <source>Album %1 vanished during the purge.</source>
        <translation>Album %1 ist während des Löschens verschwunden.</translation>
    </message>
    <message>
        <source>Album %1 (%2) is not purged: %3.</source>
        <translation>Album %1 (%2) wird nicht gelöscht: %3.</translation>
    </message>
    <message>
        <source>The purge was stopped; purged albums stay purged, the rest are as before.</source>
        <translation>Das Löschen wurde angehalten; gelöschte Alben bleiben gelöscht, die übrigen sind wie zuvor.</translation>
    </message>
    <message>
        <source>it changed while the purge ran (restored or purged meanwhile); it was left as it is</source>
        <translation>es hat sich während des Löschens geändert (inzwischen zurückgeholt oder gelöscht); es blieb, wie es ist</translation>
    </message>
    <message>
        <source>Nothing was purged: </source>
        <translation>Es wurde nichts gelöscht: </translation>
    </message>
</context>
<context>
    <name>Keepsake::QrCode</name>
    <message>
        <source>The QR code for &quot;%1&quot; cannot be made (%2).</source>
        <translation>Der QR-Code für „%1“ kann nicht erstellt werden (%2).</translation>
    </message>
</context>
<context>
    <name>Keepsake::QrLabel</name>
    <message>
        <source>The receipt&apos;s QR code: a scanner at the counter reads %1 from it.</source>
        <translation>QR-Code des Belegs: Ein Scanner an der Theke liest daraus %1.</translation>
    </message>
</context>
<context>
    <name>Keepsake::Receipt</name>
    <message>
        <source>Receipt for your hand-in</source>
        <translation>Beleg für Ihre Abgabe</translation>
    </message>
    <message>
        <source>Receipt for your disc</source>
        <translation>Beleg für Ihre Disc</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Customer code</source>
        <translation>Kundennummer</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Handed in</source>
        <translation>Abgegeben</translation>
    </message>
    <message>
        <source>New photos</source>
        <translation>Neue Fotos</translation>
    </message>
    <message>
        <source>Already received</source>
        <translation>Schon erhalten</translation>
    </message>
    <message>
        <source>New versions</source>
        <translation>Neue Versionen</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>Nicht angenommen</translation>
    </message>
    <message>
        <source>Your albums</source>
        <translation>Ihre Alben</translation>
    </message>
    <message>
        <source>on disc %1</source>
        <translation>auf Disc %1</translation>
    </message>
    <message>
        <source>kept until %1</source>
        <translation>aufbewahrt bis %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n photo(s))</source>
        <translation>
            <numerusform>%1 (%n Foto)</numerusform>
            <numerusform>%1 (%n Fotos)</numerusform>
        </translation>
    </message>
    <message>
        <source>Recorded onto disc</source>
        <translation>Auf Disc gebrannt</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n photo(s)</source>
        <translation>
            <numerusform>%1: %n Foto</numerusform>
            <numerusform>%1: %n Fotos</numerusform>
        </translation>
    </message>
    <message>
        <source>Pickup code</source>
        <translation>Abholcode</translation>
    </message>
    <message>
        <source>Show this code at the counter to collect your order.</source>
        <translation>Zeigen Sie diesen Code an der Theke, um Ihren Auftrag abzuholen.</translation>
    </message>
    <message>
        <source>The receipt cannot be drawn: the printer or PDF file did not open for painting.</source>
        <translation>Der Beleg kann nicht gezeichnet werden: Der Drucker oder die PDF-Datei ließ sich nicht zum Zeichnen öffnen.</translation>
    </message>
    <message>
        <source>The receipt could not be finished; check the free space and try again.</source>
        <translation>Der Beleg konnte nicht fertiggestellt werden; prüfen Sie den freien Platz und versuchen Sie es erneut.</translation>
    </message>
</context>
<context>
    <name>Keepsake::ReceiptPanel</name>
    <message>
        <source>Your pickup code:</source>
        <translation>Ihr Abholcode:</translation>
    </message>
    <message>
        <source>Print receipt</source>
        <translation>Beleg drucken</translation>
    </message>
    <message>
        <source>Keep it: the counter finds your hand-in by this code or its QR code. Tap Print receipt to take it with you on paper.</source>
        <translation>Bitte bewahren Sie ihn auf: An der Theke finden wir Ihre Abgabe über diesen Code oder seinen QR-Code. Tippen Sie auf „Beleg drucken“, um ihn auf Papier mitzunehmen.</translation>
    </message>
    <message>
        <source>Keep it: the counter finds your hand-in by this code or its QR code. Write it down or take a photo of this screen; there is no receipt printer at this kiosk.</source>
        <translation>Bitte bewahren Sie ihn auf: An der Theke finden wir Ihre Abgabe über diesen Code oder seinen QR-Code. Schreiben Sie ihn auf oder fotografieren Sie diesen Bildschirm; an diesem Kiosk gibt es keinen Belegdrucker.</translation>
    </message>
</context>
<context>
    <name>Keepsake::RecordPanel</name>
    <message>
        <source>Albums to record</source>
        <translation>Zu brennende Alben</translation>
    </message>
    <message>
        <source>As the drive says (image file: DVD)</source>
        <translation>Wie das Laufwerk meldet (Abbilddatei: DVD)</translation>
    </message>
    <message>
        <source>Image file…</source>
        <translation>Abbilddatei …</translation>
    </message>
    <message>
        <source>Look for drives</source>
        <translation>Nach Laufwerken suchen</translation>
    </message>
    <message>
        <source>Disc</source>
        <translation>Disc</translation>
    </message>
    <message>
        <source>Medium:</source>
        <translation>Medium:</translation>
    </message>
    <message>
        <source>Drive:</source>
        <translation>Laufwerk:</translation>
    </message>
    <message>
        <source>Burn and verify</source>
        <translation>Brennen und prüfen</translation>
    </message>
    <message>
        <source>Index sheet…</source>
        <translation>Indexprint …</translation>
    </message>
    <message>
        <source>Receipt…</source>
        <translation>Beleg …</translation>
    </message>
    <message>
        <source>How the albums fit</source>
        <translation>Wie die Alben passen</translation>
    </message>
    <message>
        <source>Record albums of %1 — %2 onto a disc</source>
        <translation>Alben von %1 — %2 auf eine Disc brennen</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %2, %n photo(s), %3</source>
        <translation>
            <numerusform>%1 — %2, %n Foto, %3</numerusform>
            <numerusform>%1 — %2, %n Fotos, %3</numerusform>
        </translation>
    </message>
    <message>
        <source>Image file %1</source>
        <translation>Abbilddatei %1</translation>
    </message>
    <message>
        <source>Record into an image file</source>
        <translation>In eine Abbilddatei brennen</translation>
    </message>
    <message>
        <source>Disc images (*.iso);;All files (*)</source>
        <translation>Disc-Abbilder (*.iso);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>No drives could be listed: %1</source>
        <translation>Es konnten keine Laufwerke aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>Tick the albums to record.</source>
        <translation>Haken Sie die zu brennenden Alben an.</translation>
    </message>
    <message>
        <source>Choose a drive, or an image file.</source>
        <translation>Wählen Sie ein Laufwerk oder eine Abbilddatei.</translation>
    </message>
    <message>
        <source>Checking the disc in %1…</source>
        <translation>Die Disc in %1 wird geprüft …</translation>
    </message>
    <message>
        <source>Customer check: %1</source>
        <translation>Kundenprüfung: %1</translation>
    </message>
    <message>
        <source>Nothing can be recorded onto this disc.</source>
        <translation>Auf diese Disc kann nichts gebrannt werden.</translation>
    </message>
    <message>
        <source>Nothing to record: the albums ticked have no photos left to put on a disc.</source>
        <translation>Nichts zu brennen: Die angehakten Alben haben keine Fotos mehr, die auf eine Disc kommen könnten.</translation>
    </message>
    <message>
        <source>Customer check passed: this is %1&apos;s own disc. The albums are added to it as a new session.</source>
        <translation>Kundenprüfung bestanden: Dies ist die eigene Disc von %1. Die Alben werden als neue Sitzung hinzugefügt.</translation>
    </message>
    <message>
        <source>A blank disc: a new disc is started for %1.</source>
        <translation>Eine leere Disc: Für %1 wird eine neue Disc begonnen.</translation>
    </message>
    <message>
        <source>Everything fits onto one disc.</source>
        <translation>Alles passt auf eine Disc.</translation>
    </message>
    <message numerus="yes">
        <source>The albums need %n discs.</source>
        <translation>
            <numerusform>Die Alben brauchen %n Disc.</numerusform>
            <numerusform>Die Alben brauchen %n Discs.</numerusform>
        </translation>
    </message>
    <message>
        <source>An album larger than a disc is split across discs.</source>
        <translation>Ein Album, das größer als eine Disc ist, wird auf mehrere Discs aufgeteilt.</translation>
    </message>
    <message>
        <source>This drive records one disc at a time: burn again with a blank disc for the rest.</source>
        <translation>Dieses Laufwerk brennt eine Disc nach der anderen: Brennen Sie für den Rest erneut mit einer leeren Disc.</translation>
    </message>
    <message>
        <source>Disc %1 (%2): %3 of %4</source>
        <translation>Disc %1 (%2): %3 von %4</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n photo(s))</source>
        <translation>
            <numerusform>%1 (%n Foto)</numerusform>
            <numerusform>%1 (%n Fotos)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recording %n disc(s) for %1</source>
        <translation>
            <numerusform>%n Disc wird für %1 gebrannt</numerusform>
            <numerusform>%n Discs werden für %1 gebrannt</numerusform>
        </translation>
    </message>
    <message>
        <source>A burn is running already.</source>
        <translation>Es läuft bereits ein Brennvorgang.</translation>
    </message>
    <message>
        <source>Preparing the albums: %1 of %2</source>
        <translation>Die Alben werden vorbereitet: %1 von %2</translation>
    </message>
    <message numerus="yes">
        <source>Writing: %1 of %2, %3/s, about %n second(s) left</source>
        <translation>
            <numerusform>Schreiben: %1 von %2, %3/s, noch etwa %n Sekunde</numerusform>
            <numerusform>Schreiben: %1 von %2, %3/s, noch etwa %n Sekunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Verifying: %1 of %2 read back, about %n second(s) left</source>
        <translation>
            <numerusform>Prüfen: %1 von %2 zurückgelesen, noch etwa %n Sekunde</numerusform>
            <numerusform>Prüfen: %1 von %2 zurückgelesen, noch etwa %n Sekunden</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message numerus="yes">
        <source>Disc %1, session %2: written in %3 s and verified — %n file(s) read back and matched, byte for byte, in %4 s. Pickup code %5.</source>
        <translation>
            <numerusform>Disc %1, Sitzung %2: in %3 s geschrieben und geprüft — %n Datei zurückgelesen und Byte für Byte abgeglichen, in %4 s. Abholcode %5.</numerusform>
            <numerusform>Disc %1, Sitzung %2: in %3 s geschrieben und geprüft — %n Dateien zurückgelesen und Byte für Byte abgeglichen, in %4 s. Abholcode %5.</numerusform>
        </translation>
    </message>
    <message>
        <source>The prints of disc %1 failed: %2</source>
        <translation>Die Drucke von Disc %1 sind fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Index sheet and receipt saved as %1.</source>
        <translation>Indexprint und Beleg als %1 gespeichert.</translation>
    </message>
    <message numerus="yes">
        <source>%n more disc(s) to burn: insert a blank disc and burn again.</source>
        <translation>
            <numerusform>%n weitere Disc zu brennen: Legen Sie eine leere Disc ein und brennen Sie erneut.</numerusform>
            <numerusform>%n weitere Discs zu brennen: Legen Sie eine leere Disc ein und brennen Sie erneut.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recorded and verified: %n album(s).</source>
        <translation>
            <numerusform>Gebrannt und geprüft: %n Album.</numerusform>
            <numerusform>Gebrannt und geprüft: %n Alben.</numerusform>
        </translation>
    </message>
    <message>
        <source>Index sheet</source>
        <translation>Indexprint</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Beleg</translation>
    </message>
    <message>
        <source>Choose the customer whose albums go onto a disc.</source>
        <translation>Wählen Sie den Kunden, dessen Alben auf eine Disc kommen.</translation>
    </message>
    <message>
        <source>Find a customer by code, name, phone or e-mail</source>
        <translation>Kunden nach Nummer, Name, Telefon oder E-Mail suchen</translation>
    </message>
    <message>
        <source>Customer:</source>
        <translation>Kunde:</translation>
    </message>
    <message>
        <source>Look for drives, or choose an image file</source>
        <translation>Nach Laufwerken suchen oder eine Abbilddatei wählen</translation>
    </message>
    <message>
        <source>The disc was checked and recorded meanwhile by another program of this device; the stations&apos; queue shows the job.</source>
        <translation>Die Disc wurde inzwischen von einem anderen Programm dieses Geräts geprüft und verbucht; die Warteschlange der Stationen zeigt den Auftrag.</translation>
    </message>
    <message>
        <source>Recorded elsewhere.</source>
        <translation>Anderswo verbucht.</translation>
    </message>
    <message>
        <source>Burn stations&apos; queue</source>
        <translation>Warteschlange der Brennstationen</translation>
    </message>
    <message>
        <source>Image file on station %1</source>
        <translation>Abbilddatei auf Station %1</translation>
    </message>
    <message>
        <source>The image file&apos;s absolute path on the machine of station %1 (not on this computer), e.g. /srv/discs/%2.iso:</source>
        <translation>Der absolute Pfad der Abbilddatei auf dem Rechner von Station %1 (nicht auf diesem Computer), z. B. /srv/discs/%2.iso:</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is no absolute path: name the image file from the root of station %2&apos;s file system, e.g. /srv/discs/disc.iso.</source>
        <translation>„%1“ ist kein absoluter Pfad: Geben Sie die Abbilddatei ab der Wurzel des Dateisystems von Station %2 an, z. B. /srv/discs/disc.iso.</translation>
    </message>
    <message>
        <source>Station %1: image file %2</source>
        <translation>Station %1: Abbilddatei %2</translation>
    </message>
    <message>
        <source>Station %1: %2</source>
        <translation>Station %1: %2</translation>
    </message>
    <message>
        <source>Station %1: asking for its drives…</source>
        <translation>Station %1: Laufwerke werden abgefragt …</translation>
    </message>
    <message>
        <source>Station %1: image file on the station…</source>
        <translation>Station %1: Abbilddatei auf der Station …</translation>
    </message>
    <message>
        <source>Station %1: not reachable: %2</source>
        <translation>Station %1: nicht erreichbar: %2</translation>
    </message>
    <message>
        <source>Station %1: no drives of its own</source>
        <translation>Station %1: keine eigenen Laufwerke</translation>
    </message>
    <message>
        <source>%1, %2, %3 free</source>
        <translation>%1, %2, %3 frei</translation>
    </message>
    <message>
        <source>Station %1: %2 (%3) — %4</source>
        <translation>Station %1: %2 (%3) — %4</translation>
    </message>
    <message>
        <source>Station %1 checks the disc in its drive before it writes anything: the customer&apos;s own disc gets a new session, another customer&apos;s disc is refused.</source>
        <translation>Station %1 prüft die Disc in ihrem Laufwerk, bevor sie etwas schreibt: Die eigene Disc des Kunden bekommt eine neue Sitzung, die Disc eines anderen Kunden wird abgelehnt.</translation>
    </message>
    <message>
        <source>image file %1</source>
        <translation>Abbilddatei %1</translation>
    </message>
    <message>
        <source>The albums are recorded on station %1, %2: the station plans the discs, and an album larger than a disc is split across discs.</source>
        <translation>Die Alben werden auf Station %1 gebrannt (%2): Die Station plant die Discs, und ein Album, das größer als eine Disc ist, wird auf mehrere Discs aufgeteilt.</translation>
    </message>
    <message>
        <source>Recording on station %1 for %2</source>
        <translation>Brennen auf Station %1 für %2</translation>
    </message>
    <message>
        <source>Job %1 on station %2: %3</source>
        <translation>Auftrag %1 auf Station %2: %3</translation>
    </message>
    <message>
        <source> — %1</source>
        <translation> — %1</translation>
    </message>
    <message>
        <source>Job %1 of station %2 ended while this counter was away: %3 — %4</source>
        <translation>Auftrag %1 von Station %2 wurde beendet, während diese Theke nicht aktiv war: %3 — %4</translation>
    </message>
</context>
<context>
    <name>Keepsake::Records</name>
    <message numerus="yes">
        <source>%1  %2  [%3]  %n photo(s), %4 — %5</source>
        <translation>
            <numerusform>%1  %2  [%3]  %n Foto, %4 — %5</numerusform>
            <numerusform>%1  %2  [%3]  %n Fotos, %4 — %5</numerusform>
        </translation>
    </message>
    <message>
        <source>(no date)</source>
        <translation>(kein Datum)</translation>
    </message>
    <message>
        <source>(unknown camera)</source>
        <translation>(unbekannte Kamera)</translation>
    </message>
    <message>
        <source>  — a version of photo %1</source>
        <translation>  — eine Version von Foto %1</translation>
    </message>
    <message>
        <source>new               %1</source>
        <translation>neu               %1</translation>
    </message>
    <message>
        <source>new version       %1 — %2</source>
        <translation>neue Version      %1 — %2</translation>
    </message>
    <message>
        <source>already received  %1 — the same as %2 (photo %3)</source>
        <translation>schon erhalten    %1 — dasselbe wie %2 (Foto %3)</translation>
    </message>
    <message>
        <source>, on disc %1</source>
        <translation>, auf Disc %1</translation>
    </message>
    <message>
        <source>rejected          %1 — %2</source>
        <translation>abgelehnt         %1 — %2</translation>
    </message>
    <message>
        <source>  [kept on %1, on its way there]</source>
        <translation>  [aufbewahrt auf %1, unterwegs dorthin]</translation>
    </message>
    <message>
        <source>  [kept on %1]</source>
        <translation>  [aufbewahrt auf %1]</translation>
    </message>
    <message>
        <source>an unknown day</source>
        <translation>einem unbekannten Tag</translation>
    </message>
    <message>
        <source>looks like %1 (photo %2), handed in on %3</source>
        <translation>sieht aus wie %1 (Foto %2), abgegeben am %3</translation>
    </message>
    <message>
        <source>new               %1 — %2</source>
        <translation>neu               %1 — %2</translation>
    </message>
    <message>
        <source>new version       %1 — %2; %3</source>
        <translation>neue Version      %1 — %2; %3</translation>
    </message>
</context>
<context>
    <name>Keepsake::RegisterPage</name>
    <message>
        <source>Please type your name.</source>
        <translation>Bitte geben Sie Ihren Namen ein.</translation>
    </message>
    <message>
        <source>Your PIN needs 4 to 8 digits.</source>
        <translation>Ihre PIN braucht 4 bis 8 Ziffern.</translation>
    </message>
    <message>
        <source>The two PINs differ. Please type the same PIN twice.</source>
        <translation>Die beiden PINs sind verschieden. Bitte geben Sie zweimal dieselbe PIN ein.</translation>
    </message>
    <message>
        <source>Register as a new customer</source>
        <translation>Als neuer Kunde anmelden</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Phone or e-mail</source>
        <translation>Telefon oder E-Mail</translation>
    </message>
    <message>
        <source>PIN (4 to 8 digits)</source>
        <translation>PIN (4 bis 8 Ziffern)</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>PIN wiederholen</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Registrieren</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
</context>
<context>
    <name>Keepsake::RegistrationSlip</name>
    <message>
        <source>Welcome, %1!</source>
        <translation>Willkommen, %1!</translation>
    </message>
    <message>
        <source>Your customer code:</source>
        <translation>Ihre Kundennummer:</translation>
    </message>
    <message>
        <source>Sign in at the kiosk with this code and your PIN. Keep this slip: the counter asks for the code when you pick up a disc.</source>
        <translation>Melden Sie sich am Terminal mit dieser Nummer und Ihrer PIN an. Bewahren Sie diesen Beleg auf: An der Theke werden Sie beim Abholen einer Disc nach der Nummer gefragt.</translation>
    </message>
    <message>
        <source>The registration slip cannot be drawn: the printer did not start. Check the printer and print again.</source>
        <translation>Der Anmeldebeleg kann nicht gezeichnet werden: Der Drucker ist nicht angelaufen. Prüfen Sie den Drucker und drucken Sie erneut.</translation>
    </message>
    <message>
        <source>Customer code %1</source>
        <translation>Kundennummer %1</translation>
    </message>
</context>
<context>
    <name>Keepsake::RemoteBurn</name>
    <message>
        <source>A dry run plans on this device: leave out --station, or --dry-run.</source>
        <translation>Ein Probelauf plant auf diesem Gerät: Lassen Sie --station weg oder --dry-run.</translation>
    </message>
    <message>
        <source>Station %1 did not take the job: </source>
        <translation>Station %1 hat den Auftrag nicht angenommen: </translation>
    </message>
    <message>
        <source>Station %1, job %2: </source>
        <translation>Station %1, Auftrag %2: </translation>
    </message>
    <message numerus="yes">
        <source>Station %1 could not be reached for %n minute(s): job %2 is left to it; keepsakectl jobs --station %1 shows how it ends, and records a verified disc.</source>
        <translation>
            <numerusform>Station %1 war %n Minute lang nicht erreichbar: Auftrag %2 bleibt ihr überlassen; keepsakectl jobs --station %1 zeigt, wie er endet, und verbucht eine geprüfte Disc.</numerusform>
            <numerusform>Station %1 war %n Minuten lang nicht erreichbar: Auftrag %2 bleibt ihr überlassen; keepsakectl jobs --station %1 zeigt, wie er endet, und verbucht eine geprüfte Disc.</numerusform>
        </translation>
    </message>
    <message>
        <source>Station %1 cancelled job %2: %3</source>
        <translation>Station %1 hat Auftrag %2 abgebrochen: %3</translation>
    </message>
    <message>
        <source>Station %1, job %2 failed: %3</source>
        <translation>Station %1, Auftrag %2 fehlgeschlagen: %3</translation>
    </message>
    <message>
        <source>%1 (burn)</source>
        <translation>%1 (Brennen)</translation>
    </message>
    <message>
        <source>Job %1 is left to station %2: it goes on there, and its disc is recorded when this device next looks at the queue.</source>
        <translation>Auftrag %1 bleibt Station %2 überlassen: Er läuft dort weiter, und seine Disc wird verbucht, wenn dieses Gerät das nächste Mal die Warteschlange abfragt.</translation>
    </message>
</context>
<context>
    <name>Keepsake::RemoteIngest</name>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>%1 cannot be read to its end (%2).</source>
        <translation>%1 kann nicht bis zum Ende gelesen werden (%2).</translation>
    </message>
    <message>
        <source>the file is empty (0 bytes)</source>
        <translation>die Datei ist leer (0 Bytes)</translation>
    </message>
    <message>
        <source>the file is too large for a photo (%1 MB; Keepsake takes photos up to %2 MB)</source>
        <translation>die Datei ist zu groß für ein Foto (%1 MB; Keepsake nimmt Fotos bis %2 MB)</translation>
    </message>
    <message>
        <source>The device answered %1 of %2 offered files.</source>
        <translation>Das Gerät hat auf %1 von %2 angebotenen Dateien geantwortet.</translation>
    </message>
    <message>
        <source>%1 could not be sent: </source>
        <translation>%1 konnte nicht gesendet werden: </translation>
    </message>
    <message>
        <source>the file cannot be read (%1)</source>
        <translation>die Datei kann nicht gelesen werden (%1)</translation>
    </message>
</context>
<context>
    <name>Keepsake::RemoteKioskBackend</name>
    <message>
        <source>Receipt of hand-in %1</source>
        <translation>Beleg der Abgabe %1</translation>
    </message>
    <message>
        <source>The receipt cannot be kept on this kiosk for printing: %1. Check the free space of its temporary folder.</source>
        <translation>Der Beleg kann an diesem Kiosk nicht zum Drucken abgelegt werden: %1. Prüfen Sie den freien Platz seines temporären Ordners.</translation>
    </message>
</context>
<context>
    <name>Keepsake::Retention</name>
    <message>
        <source>The catalog has no retention rule for new albums. Add one with keepsakectl rule add.</source>
        <translation>Der Katalog hat keine Aufbewahrungsregel für neue Alben. Legen Sie eine mit keepsakectl rule add an.</translation>
    </message>
</context>
<context>
    <name>Keepsake::RetentionRules</name>
    <message>
        <source>There is no retention rule called &quot;%1&quot;. See keepsakectl rule list.</source>
        <translation>Es gibt keine Aufbewahrungsregel namens „%1“. Siehe keepsakectl rule list.</translation>
    </message>
    <message>
        <source>There is no retention rule %1.</source>
        <translation>Es gibt keine Aufbewahrungsregel %1.</translation>
    </message>
    <message>
        <source>A retention rule needs a name, e.g. &quot;Premium 1 year&quot;.</source>
        <translation>Eine Aufbewahrungsregel braucht einen Namen, z. B. „Premium 1 Jahr“.</translation>
    </message>
    <message>
        <source>Rule &quot;%1&quot;: --keep-days takes a whole number of days from 1 to 36500.</source>
        <translation>Regel „%1“: --keep-days erwartet eine ganze Zahl von Tagen von 1 bis 36500.</translation>
    </message>
    <message>
        <source>Rule &quot;%1&quot;: --cap-bytes takes a positive number of bytes.</source>
        <translation>Regel „%1“: --cap-bytes erwartet eine positive Anzahl Bytes.</translation>
    </message>
    <message>
        <source>There is already a retention rule called &quot;%1&quot;.</source>
        <translation>Es gibt bereits eine Aufbewahrungsregel namens „%1“.</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) after hand-in</source>
        <translation>
            <numerusform>%n Tag nach der Abgabe</numerusform>
            <numerusform>%n Tage nach der Abgabe</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) after the last view</source>
        <translation>
            <numerusform>%n Tag nach dem letzten Ansehen</numerusform>
            <numerusform>%n Tage nach dem letzten Ansehen</numerusform>
        </translation>
    </message>
    <message>
        <source>while the customer&apos;s plan lasts</source>
        <translation>solange der Tarif des Kunden läuft</translation>
    </message>
    <message>
        <source>, at most %1 per customer (oldest albums expire first)</source>
        <translation>, höchstens %1 pro Kunde (die ältesten Alben laufen zuerst ab)</translation>
    </message>
</context>
<context>
    <name>Keepsake::RoutingCommands</name>
    <message>
        <source>the device that keeps a camera body&apos;s photos: add, list, remove</source>
        <translation>das Gerät, das die Fotos eines Kameragehäuses aufbewahrt: add, list, remove</translation>
    </message>
    <message>
        <source>Usage: keepsakectl camera add|list|remove ...
  add     keep a camera body&apos;s photos on a device, wherever they are handed in
  list    the registered cameras
  remove  forget a camera&apos;s registration
Example:
  keepsakectl camera add --serial 380319450 --make Canon --device store-berlin
</source>
        <translation>Aufruf: keepsakectl camera add|list|remove ...
  add     die Fotos eines Kameragehäuses auf einem Gerät aufbewahren, wo immer sie abgegeben werden
  list    die registrierten Kameras
  remove  die Registrierung einer Kamera vergessen
Beispiel:
  keepsakectl camera add --serial 380319450 --make Canon --device store-berlin
</translation>
    </message>
    <message>
        <source>Say what to do with cameras: add, list or remove. See: keepsakectl camera --help</source>
        <translation>Sagen Sie, was mit Kameras geschehen soll: add, list oder remove. Siehe: keepsakectl camera --help</translation>
    </message>
    <message>
        <source>Registers a camera body: its photos are kept on the device named, whichever device receives them. The serial matches regardless of case; with --make, the camera&apos;s make must be that make (&quot;Nikon&quot; matches &quot;NIKON CORPORATION&quot;).</source>
        <translation>Registriert ein Kameragehäuse: Seine Fotos werden auf dem genannten Gerät aufbewahrt, egal welches Gerät sie empfängt. Die Seriennummer passt unabhängig von Groß- und Kleinschreibung; mit --make muss die Kamera von diesem Hersteller sein („Nikon“ passt zu „NIKON CORPORATION“).</translation>
    </message>
    <message>
        <source>the camera&apos;s body serial number</source>
        <translation>die Seriennummer des Kameragehäuses</translation>
    </message>
    <message>
        <source>SERIAL</source>
        <translation>SERIENNUMMER</translation>
    </message>
    <message>
        <source>the camera&apos;s make, if the serial alone is not enough</source>
        <translation>der Hersteller der Kamera, falls die Seriennummer allein nicht reicht</translation>
    </message>
    <message>
        <source>MAKE</source>
        <translation>HERSTELLER</translation>
    </message>
    <message>
        <source>the device that keeps its photos</source>
        <translation>das Gerät, das ihre Fotos aufbewahrt</translation>
    </message>
    <message>
        <source>DEVICE</source>
        <translation>GERÄT</translation>
    </message>
    <message>
        <source>A camera registration needs --serial and --device.</source>
        <translation>Eine Kamera-Registrierung braucht --serial und --device.</translation>
    </message>
    <message>
        <source>Registered camera %1</source>
        <translation>Kamera %1 registriert</translation>
    </message>
    <message>
        <source>Lists the registered camera bodies.</source>
        <translation>Listet die registrierten Kameragehäuse.</translation>
    </message>
    <message numerus="yes">
        <source>%n camera(s)</source>
        <translation>
            <numerusform>%n Kamera</numerusform>
            <numerusform>%n Kameras</numerusform>
        </translation>
    </message>
    <message>
        <source>Forgets a camera body&apos;s registrations: its next photos are kept by the usual rule (the owner&apos;s home device, else the receiving one). Photos already stored stay where they are.</source>
        <translation>Vergisst die Registrierungen eines Kameragehäuses: Seine nächsten Fotos werden nach der üblichen Regel aufbewahrt (auf dem Heimatgerät des Besitzers, sonst auf dem empfangenden Gerät). Bereits gespeicherte Fotos bleiben, wo sie sind.</translation>
    </message>
    <message>
        <source>Name the camera: --serial SERIAL.</source>
        <translation>Nennen Sie die Kamera: --serial SERIENNUMMER.</translation>
    </message>
    <message>
        <source>Camera %1 is no longer registered.</source>
        <translation>Kamera %1 ist nicht mehr registriert.</translation>
    </message>
    <message>
        <source>photos this device still owes the devices that keep them</source>
        <translation>Fotos, die dieses Gerät den aufbewahrenden Geräten noch schuldet</translation>
    </message>
    <message>
        <source>Lists the photos this device received for another device and has not yet delivered there: in flight or waiting for the target to be reachable.</source>
        <translation>Listet die Fotos, die dieses Gerät für ein anderes Gerät empfangen und dort noch nicht abgeliefert hat: unterwegs oder wartend, bis das Ziel erreichbar ist.</translation>
    </message>
    <message>
        <source>%1 is not a device: it forwards no photos.</source>
        <translation>%1 ist kein Gerät und leitet daher keine Fotos weiter.</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) waiting to be forwarded.</source>
        <translation>
            <numerusform>%n Foto wartet auf Weiterleitung.</numerusform>
            <numerusform>%n Fotos warten auf Weiterleitung.</numerusform>
        </translation>
    </message>
    <message>
        <source>an address for a customer&apos;s phone to hand photos in: open</source>
        <translation>eine Adresse, über die das Telefon eines Kunden Fotos abgibt: open</translation>
    </message>
    <message>
        <source>Say what to do: keepsakectl upload open --customer C</source>
        <translation>Sagen Sie, was geschehen soll: keepsakectl upload open --customer C</translation>
    </message>
    <message>
        <source>Makes an upload address for the customer&apos;s phone: its page takes one hand-in of photos and dies when that is finished, or after 15 minutes. The kiosk shows it as a QR code.</source>
        <translation>Erstellt eine Abgabe-Adresse für das Telefon des Kunden: Ihre Seite nimmt eine einzige Abgabe von Fotos an und erlischt, sobald diese abgeschlossen ist, spätestens nach 15 Minuten. Das Terminal zeigt sie als QR-Code.</translation>
    </message>
    <message>
        <source>the customer&apos;s code</source>
        <translation>die Nummer des Kunden</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>Upload address for %1, until %2:
%3</source>
        <translation>Abgabe-Adresse für %1, gültig bis %2:
%3</translation>
    </message>
</context>
<context>
    <name>Keepsake::RuleBook</name>
    <message>
        <source>The retention rule &quot;%1&quot; was not added: only the lab&apos;s clerk adds retention rules, not %2. Ask at the counter.</source>
        <translation>Die Aufbewahrungsregel „%1“ wurde nicht angelegt: Aufbewahrungsregeln legen nur die Mitarbeiter des Labors an, nicht %2. Fragen Sie an der Theke.</translation>
    </message>
</context>
<context>
    <name>Keepsake::ServiceCall</name>
    <message>
        <source>The request is too large.</source>
        <translation>Die Anfrage ist zu groß.</translation>
    </message>
    <message>
        <source>The request&apos;s body is not a JSON object.</source>
        <translation>Der Rumpf der Anfrage ist kein JSON-Objekt.</translation>
    </message>
</context>
<context>
    <name>Keepsake::ServiceProtocol</name>
    <message>
        <source>The device answered HTTP %1.</source>
        <translation>Das Gerät antwortete mit HTTP %1.</translation>
    </message>
</context>
<context>
    <name>Keepsake::SettingEdits</name>
    <message>
        <source>The setting %1 was not changed: only the lab&apos;s clerk changes settings, not %2. Ask at the counter.</source>
        <translation>Die Einstellung %1 wurde nicht geändert: Einstellungen ändern nur die Mitarbeiter des Labors, nicht %2. Fragen Sie an der Theke.</translation>
    </message>
</context>
<context>
    <name>Keepsake::SettingFields</name>
    <message>
        <source>Lab name</source>
        <translation>Name des Labors</translation>
    </message>
    <message>
        <source>On discs, receipts and index prints, and under every mail.</source>
        <translation>Auf Discs, Belegen und Indexprints sowie unter jeder Mail.</translation>
    </message>
    <message>
        <source>Lab address</source>
        <translation>Adresse des Labors</translation>
    </message>
    <message>
        <source>On receipts and under every mail.</source>
        <translation>Auf Belegen und unter jeder Mail.</translation>
    </message>
    <message>
        <source>Notice before expiry</source>
        <translation>Hinweis vor dem Ablauf</translation>
    </message>
    <message>
        <source>Customers, and the people they shared an album with, get a mail this many days before the album expires.</source>
        <translation>Kunden und die Personen, mit denen sie ein Album geteilt haben, bekommen so viele Tage vor dem Ablauf des Albums eine Mail.</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Keep after recording</source>
        <translation>Aufbewahren nach dem Brennen</translation>
    </message>
    <message>
        <source>After an album went onto a disc its photos stay here, hidden from customers, for this many days in case the disc is lost or faulty; then they are deleted.</source>
        <translation>Nachdem ein Album auf eine Disc gebrannt wurde, bleiben seine Fotos so viele Tage hier, für Kunden ausgeblendet, falls die Disc verloren geht oder fehlerhaft ist; danach werden sie gelöscht.</translation>
    </message>
    <message>
        <source>delete at once</source>
        <translation>sofort löschen</translation>
    </message>
    <message>
        <source>Rule for new albums</source>
        <translation>Regel für neue Alben</translation>
    </message>
    <message>
        <source>How long a new album is kept. Rules are added with keepsakectl rule add.</source>
        <translation>Wie lange ein neues Album aufbewahrt wird. Regeln werden mit keepsakectl rule add angelegt.</translation>
    </message>
    <message>
        <source>Mail server</source>
        <translation>Mailserver</translation>
    </message>
    <message>
        <source>The server that sends the notices, for example mail.example.com. Left empty, no mail goes out: notices wait in the queue.</source>
        <translation>Der Server, der die Hinweise verschickt, zum Beispiel mail.example.com. Bleibt das Feld leer, geht keine Mail hinaus: Die Hinweise warten in der Warteschlange.</translation>
    </message>
    <message>
        <source>none set</source>
        <translation>keiner eingerichtet</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Usually 587 (mail submission) or 25.</source>
        <translation>Meist 587 (Mail-Einlieferung) oder 25.</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>Verschlüsselung</translation>
    </message>
    <message>
        <source>With a user name or password set, mails go out only encrypted unless &quot;never&quot; is chosen (then the password too travels in clear).</source>
        <translation>Mit Benutzername oder Passwort gehen Mails nur verschlüsselt hinaus, außer „Nie verschlüsseln“ ist gewählt (dann geht auch das Passwort unverschlüsselt über das Netz).</translation>
    </message>
    <message>
        <source>Encrypt when the server offers it (STARTTLS)</source>
        <translation>Verschlüsseln, wenn der Server es anbietet (STARTTLS)</translation>
    </message>
    <message>
        <source>Always encrypt (STARTTLS required)</source>
        <translation>Immer verschlüsseln (STARTTLS erforderlich)</translation>
    </message>
    <message>
        <source>Never encrypt</source>
        <translation>Nie verschlüsseln</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>none: the server takes mail without signing in</source>
        <translation>keiner: Der Server nimmt Mails ohne Anmeldung an</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation>Absenderadresse</translation>
    </message>
    <message>
        <source>The address the notices come from; customers&apos; replies go there.</source>
        <translation>Die Adresse, von der die Hinweise kommen; Antworten der Kunden gehen dorthin.</translation>
    </message>
    <message>
        <source>Index print paper</source>
        <translation>Papier für Indexprints</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>US Letter</source>
        <translation>US Letter</translation>
    </message>
    <message>
        <source>Photo paper 10 × 15 cm</source>
        <translation>Fotopapier 10 × 15 cm</translation>
    </message>
    <message>
        <source>Photo paper 4 × 6 in</source>
        <translation>Fotopapier 4 × 6 Zoll</translation>
    </message>
    <message>
        <source>Photos per row</source>
        <translation>Fotos pro Reihe</translation>
    </message>
    <message>
        <source>On an index print.</source>
        <translation>Auf einem Indexprint.</translation>
    </message>
    <message>
        <source>as many as suit the paper</source>
        <translation>so viele, wie aufs Papier passen</translation>
    </message>
    <message>
        <source>Receipt paper</source>
        <translation>Papier für Belege</translation>
    </message>
    <message>
        <source>80 mm receipt roll</source>
        <translation>80-mm-Bonrolle</translation>
    </message>
    <message>
        <source>Customers&apos; web page</source>
        <translation>Webseite für Kunden</translation>
    </message>
    <message>
        <source>The address the notice mails link to, as customers reach it from home (https://...). Left empty, the address of the lab&apos;s first device.</source>
        <translation>Die Adresse, auf die die Hinweis-Mails verlinken, so wie Kunden sie von zu Hause erreichen (https://...). Bleibt das Feld leer, gilt die Adresse des ersten Geräts des Labors.</translation>
    </message>
    <message>
        <source>the first device&apos;s address</source>
        <translation>die Adresse des ersten Geräts</translation>
    </message>
</context>
<context>
    <name>Keepsake::Settings</name>
    <message>
        <source>the lab&apos;s name on discs, prints and mails</source>
        <translation>der Name des Labors auf Discs, Drucken und Mails</translation>
    </message>
    <message>
        <source>the lab&apos;s address on receipts and mails</source>
        <translation>die Adresse des Labors auf Belegen und Mails</translation>
    </message>
    <message>
        <source>days before expiry that owner and viewers are told</source>
        <translation>Tage vor dem Ablauf, an denen Besitzer und Betrachter benachrichtigt werden</translation>
    </message>
    <message>
        <source>days a recorded album stays hidden before deletion</source>
        <translation>Tage, die ein gebranntes Album vor dem Löschen ausgeblendet bleibt</translation>
    </message>
    <message>
        <source>the retention rule new albums get</source>
        <translation>die Aufbewahrungsregel für neue Alben</translation>
    </message>
    <message>
        <source>mail server for notices</source>
        <translation>Mailserver für Hinweise</translation>
    </message>
    <message>
        <source>mail server port</source>
        <translation>Port des Mailservers</translation>
    </message>
    <message>
        <source>mail server user</source>
        <translation>Benutzer des Mailservers</translation>
    </message>
    <message>
        <source>mail server password</source>
        <translation>Passwort des Mailservers</translation>
    </message>
    <message>
        <source>sender address of notices</source>
        <translation>Absenderadresse der Hinweise</translation>
    </message>
    <message>
        <source>paper of the index prints made after a recording: a4, letter, 10x15 or 4x6</source>
        <translation>Papier der Indexprints nach einem Brennen: a4, letter, 10x15 oder 4x6</translation>
    </message>
    <message>
        <source>photos per row of an index print; 0: the paper&apos;s default</source>
        <translation>Fotos pro Zeile eines Indexprints; 0: Standard des Papiers</translation>
    </message>
    <message>
        <source>paper of receipts: 80mm (roll), a4 or letter</source>
        <translation>Papier der Belege: 80mm (Rolle), a4 oder letter</translation>
    </message>
    <message>
        <source>There is no setting called %1. See keepsakectl config list.</source>
        <translation>Es gibt keine Einstellung namens %1. Siehe keepsakectl config list.</translation>
    </message>
    <message>
        <source>%1 cannot be &quot;%2&quot;: it takes %3.</source>
        <translation>%1 kann nicht „%2“ sein: erwartet wird %3.</translation>
    </message>
    <message>
        <source>There is no setting called %1.</source>
        <translation>Es gibt keine Einstellung namens %1.</translation>
    </message>
    <message>
        <source>a whole number from %1 to %2</source>
        <translation>eine ganze Zahl von %1 bis %2</translation>
    </message>
    <message>
        <source>one of: %1</source>
        <translation>eines von: %1</translation>
    </message>
    <message>
        <source>auto (encrypt when the server offers STARTTLS; with smtp.user or smtp.password set, the mail goes only encrypted), required, or off (never encrypt: the password too goes in clear)</source>
        <translation>auto (verschlüsseln, wenn der Server STARTTLS anbietet; mit gesetztem smtp.user oder smtp.password geht die Mail nur verschlüsselt), required oder off (nie verschlüsseln: auch das Passwort geht im Klartext)</translation>
    </message>
    <message>
        <source>The setting %1 could not be read from the catalog: %2. Check the catalog with keepsakectl check, then try again.</source>
        <translation>Die Einstellung %1 konnte nicht aus dem Katalog gelesen werden: %2. Prüfen Sie den Katalog mit keepsakectl check und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>eine ganze Zahl</translation>
    </message>
    <message>
        <source>The setting %1 holds &quot;%2&quot;, but it takes %3. Set it again with keepsakectl config set %1 VALUE (or in the counter&apos;s settings).</source>
        <translation>Die Einstellung %1 enthält „%2“, erwartet aber %3. Setzen Sie sie erneut mit keepsakectl config set %1 WERT (oder in den Einstellungen der Theke).</translation>
    </message>
    <message>
        <source>an https:// address, like https://lab.example:8443</source>
        <translation>eine https://-Adresse, z. B. https://lab.example:8443</translation>
    </message>
    <message>
        <source>address of the customers&apos; web page in mails (https://HOST:PORT); empty: the first device&apos;s URL</source>
        <translation>Adresse der Webseite für Kunden in Mails (https://HOST:PORT); leer: die URL des ersten Geräts</translation>
    </message>
</context>
<context>
    <name>Keepsake::SettingsDialog</name>
    <message>
        <source>Keepsake — Lab settings</source>
        <translation>Keepsake — Labor-Einstellungen</translation>
    </message>
    <message>
        <source>Data, printers and drives</source>
        <translation>Daten, Drucker und Laufwerke</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Datenordner</translation>
    </message>
    <message>
        <source>To use another data folder, start Keepsake with --data-dir or set KEEPSAKE_DATA_DIR.</source>
        <translation>Für einen anderen Datenordner starten Sie Keepsake mit --data-dir oder setzen KEEPSAKE_DATA_DIR.</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>Katalog</translation>
    </message>
    <message>
        <source>PostgreSQL (shared by the chain)</source>
        <translation>PostgreSQL (von der Kette geteilt)</translation>
    </message>
    <message>
        <source>SQLite in the data folder</source>
        <translation>SQLite im Datenordner</translation>
    </message>
    <message>
        <source>Printers</source>
        <translation>Drucker</translation>
    </message>
    <message>
        <source>none found (prints go to PDF files)</source>
        <translation>keine gefunden (Drucke gehen in PDF-Dateien)</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>Labor</translation>
    </message>
    <message>
        <source>Mail</source>
        <translation>Mail</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>Drucken</translation>
    </message>
    <message>
        <source>Send a test mail</source>
        <translation>Test-Mail senden</translation>
    </message>
    <message>
        <source>an address to send it to, e.g. the lab&apos;s own</source>
        <translation>eine Empfängeradresse, z. B. die des Labors</translation>
    </message>
    <message>
        <source>Uses the settings above as they stand, saved or not.</source>
        <translation>Verwendet die Einstellungen oben so, wie sie sind, ob gespeichert oder nicht.</translation>
    </message>
    <message>
        <source>Sending a test mail to %1 through %2…</source>
        <translation>Test-Mail an %1 wird über %2 gesendet …</translation>
    </message>
    <message>
        <source>The test mail to %1 was sent. Check that it arrived.</source>
        <translation>Die Test-Mail an %1 wurde gesendet. Prüfen Sie, ob sie angekommen ist.</translation>
    </message>
</context>
<context>
    <name>Keepsake::ShareRuleCommands</name>
    <message>
        <source>who may view an album: add, remove, list</source>
        <translation>wer ein Album ansehen darf: add, remove, list</translation>
    </message>
    <message>
        <source>Usage: keepsakectl share add|remove|list ...
  add     let a customer or an e-mail address view an album
  remove  take that permission back
  list    who may view an album
Example:
  keepsakectl share add --album 12 --with C2
</source>
        <translation>Aufruf: keepsakectl share add|remove|list ...
  add     einen Kunden oder eine E-Mail-Adresse ein Album ansehen lassen
  remove  diese Erlaubnis zurücknehmen
  list    wer ein Album ansehen darf
Beispiel:
  keepsakectl share add --album 12 --with C2
</translation>
    </message>
    <message>
        <source>Say what to do with shares: add, remove or list. See: keepsakectl share --help</source>
        <translation>Sagen Sie, was mit Freigaben geschehen soll: add, remove oder list. Siehe: keepsakectl share --help</translation>
    </message>
    <message>
        <source>Lets another customer or an e-mail address view an album.</source>
        <translation>Lässt einen anderen Kunden oder eine E-Mail-Adresse ein Album ansehen.</translation>
    </message>
    <message>
        <source>Takes back the permission to view an album.</source>
        <translation>Nimmt die Erlaubnis zurück, ein Album anzusehen.</translation>
    </message>
    <message>
        <source>the album&apos;s ID</source>
        <translation>die ID des Albums</translation>
    </message>
    <message>
        <source>ALBUM</source>
        <translation>ALBUM</translation>
    </message>
    <message>
        <source>the album&apos;s owner, to name the album by its title</source>
        <translation>der Besitzer des Albums, um das Album über seinen Titel zu nennen</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>a customer code or an e-mail address</source>
        <translation>eine Kundennummer oder eine E-Mail-Adresse</translation>
    </message>
    <message>
        <source>C|EMAIL</source>
        <translation>C|EMAIL</translation>
    </message>
    <message>
        <source>Name the album and the viewer: --album ID --with CODE|EMAIL.</source>
        <translation>Nennen Sie Album und Betrachter: --album ID --with CODE|EMAIL.</translation>
    </message>
    <message>
        <source>Album %1 (%2) may now be viewed by %3.</source>
        <translation>Album %1 (%2) darf jetzt von %3 angesehen werden.</translation>
    </message>
    <message>
        <source>Album %1 (%2) may no longer be viewed by %3.</source>
        <translation>Album %1 (%2) darf nicht mehr von %3 angesehen werden.</translation>
    </message>
    <message>
        <source>Lists who may view an album.</source>
        <translation>Listet, wer ein Album ansehen darf.</translation>
    </message>
    <message>
        <source>Name the album: --album ID.</source>
        <translation>Nennen Sie das Album: --album ID.</translation>
    </message>
    <message>
        <source>%1  since %2, by %3</source>
        <translation>%1  seit %2, von %3</translation>
    </message>
    <message numerus="yes">
        <source>Album %1 (%2, owner %3): %n viewer(s)</source>
        <translation>
            <numerusform>Album %1 (%2, Besitzer %3): %n Betrachter</numerusform>
            <numerusform>Album %1 (%2, Besitzer %3): %n Betrachter</numerusform>
        </translation>
    </message>
    <message>
        <source>retention rules: add, list</source>
        <translation>Aufbewahrungsregeln: add, list</translation>
    </message>
    <message>
        <source>Usage: keepsakectl rule add|list ...
  add   a named retention rule
  list  the lab&apos;s rules
Example:
  keepsakectl rule add &quot;Premium 1 year&quot; --keep-days 365
</source>
        <translation>Aufruf: keepsakectl rule add|list ...
  add   eine benannte Aufbewahrungsregel
  list  die Regeln des Labors
Beispiel:
  keepsakectl rule add &quot;Premium 1 year&quot; --keep-days 365
</translation>
    </message>
    <message>
        <source>Say what to do with rules: add or list. See: keepsakectl rule --help</source>
        <translation>Sagen Sie, was mit Regeln geschehen soll: add oder list. Siehe: keepsakectl rule --help</translation>
    </message>
    <message>
        <source>Adds a named retention rule.</source>
        <translation>Fügt eine benannte Aufbewahrungsregel hinzu.</translation>
    </message>
    <message>
        <source>the rule&apos;s name</source>
        <translation>der Name der Regel</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>days to keep an album</source>
        <translation>Tage, die ein Album aufbewahrt wird</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>count from the hand-in (default) or the last view</source>
        <translation>ab der Abgabe (Standard) oder dem letzten Ansehen zählen</translation>
    </message>
    <message>
        <source>handin|last-view</source>
        <translation>handin|last-view</translation>
    </message>
    <message>
        <source>keep while the customer&apos;s plan lasts</source>
        <translation>aufbewahren, solange der Tarif des Kunden läuft</translation>
    </message>
    <message>
        <source>at most this many bytes per customer; oldest albums expire first</source>
        <translation>höchstens so viele Bytes pro Kunde; die ältesten Alben laufen zuerst ab</translation>
    </message>
    <message>
        <source>Name the rule once, e.g. keepsakectl rule add &quot;Premium 1 year&quot; --keep-days 365.</source>
        <translation>Nennen Sie die Regel einmal, z. B. keepsakectl rule add &quot;Premium 1 year&quot; --keep-days 365.</translation>
    </message>
    <message>
        <source>Give either --keep-days N or --while-plan.</source>
        <translation>Geben Sie entweder --keep-days N oder --while-plan an.</translation>
    </message>
    <message>
        <source>--keep-days takes a whole number of days.</source>
        <translation>--keep-days erwartet eine ganze Zahl von Tagen.</translation>
    </message>
    <message>
        <source>--after takes handin or last-view, not &quot;%1&quot;.</source>
        <translation>--after erwartet handin oder last-view, nicht „%1“.</translation>
    </message>
    <message>
        <source>--cap-bytes takes a number of bytes.</source>
        <translation>--cap-bytes erwartet eine Anzahl Bytes.</translation>
    </message>
    <message>
        <source>Added rule &apos;%1&apos;: %2</source>
        <translation>Regel „%1“ hinzugefügt: %2</translation>
    </message>
    <message>
        <source>Lists the lab&apos;s retention rules.</source>
        <translation>Listet die Aufbewahrungsregeln des Labors.</translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s)</source>
        <translation>
            <numerusform>%n Regel</numerusform>
            <numerusform>%n Regeln</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Keepsake::Shares</name>
    <message>
        <source>There is no customer with the code %1. Give a customer code or an e-mail address.</source>
        <translation>Es gibt keinen Kunden mit der Nummer %1. Geben Sie eine Kundennummer oder eine E-Mail-Adresse an.</translation>
    </message>
    <message>
        <source>Album %1 belongs to this customer already; share it with somebody else.</source>
        <translation>Album %1 gehört bereits diesem Kunden; teilen Sie es mit jemand anderem.</translation>
    </message>
    <message>
        <source>Album %1 was deleted after recording; it cannot be shared.</source>
        <translation>Album %1 wurde nach dem Brennen gelöscht; es kann nicht geteilt werden.</translation>
    </message>
    <message>
        <source>Album %1 is not shared with %2; see keepsakectl share list --album %1.</source>
        <translation>Album %1 ist nicht mit %2 geteilt; siehe keepsakectl share list --album %1.</translation>
    </message>
    <message>
        <source>There is no album %1. List the customer&apos;s albums with keepsakectl albums --customer CODE.</source>
        <translation>Es gibt kein Album %1. Die Alben des Kunden zeigt keepsakectl albums --customer CODE.</translation>
    </message>
</context>
<context>
    <name>Keepsake::SignInPage</name>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Customer code</source>
        <translation>Kundennummer</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Welcome, %1! Your customer code:</source>
        <translation>Willkommen, %1! Ihre Kundennummer:</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Drucken</translation>
    </message>
</context>
<context>
    <name>Keepsake::SmtpMailer</name>
    <message>
        <source>No mail server is configured; set one with keepsakectl config set smtp.host HOST.</source>
        <translation>Es ist kein Mailserver eingerichtet; legen Sie einen fest mit keepsakectl config set smtp.host HOST.</translation>
    </message>
    <message>
        <source>libcurl could not start a mail transfer.</source>
        <translation>libcurl konnte keine Mailübertragung starten.</translation>
    </message>
    <message>
        <source>The mail to %1 could not be sent through %2:%3: %4%5</source>
        <translation>Die Mail an %1 konnte nicht über %2:%3 gesendet werden: %4%5</translation>
    </message>
    <message>
        <source> (the server said: %1)</source>
        <translation> (der Server sagte: %1)</translation>
    </message>
    <message>
        <source>The mail to %1 was not sent: the mail server %2 offers no encryption (no STARTTLS), and smtp.starttls is required. Use a mail server with STARTTLS, or change smtp.starttls.</source>
        <translation>Die Mail an %1 wurde nicht gesendet: Der Mailserver %2 bietet keine Verschlüsselung (kein STARTTLS), und smtp.starttls ist required. Nutzen Sie einen Mailserver mit STARTTLS oder ändern Sie smtp.starttls.</translation>
    </message>
    <message>
        <source>The mail to %1 was not sent: the mail server %2 offers no encryption (no STARTTLS), and the password is not sent in clear. Set smtp.starttls off to allow it, or use a mail server with STARTTLS.</source>
        <translation>Die Mail an %1 wurde nicht gesendet: Der Mailserver %2 bietet keine Verschlüsselung (kein STARTTLS), und das Passwort wird nicht im Klartext gesendet. Setzen Sie smtp.starttls auf off, um das zu erlauben, oder nutzen Sie einen Mailserver mit STARTTLS.</translation>
    </message>
</context>
<context>
    <name>Keepsake::StationBurn</name>
    <message>
        <source>Preparing the albums (photos fetched from their devices)</source>
        <translation>Alben werden vorbereitet (Fotos werden von ihren Geräten abgerufen)</translation>
    </message>
    <message>
        <source>Writing onto %1</source>
        <translation>Wird auf %1 geschrieben</translation>
    </message>
    <message>
        <source>Reading the disc back to verify it</source>
        <translation>Disc wird zur Prüfung zurückgelesen</translation>
    </message>
</context>
<context>
    <name>Keepsake::StationClient</name>
    <message>
        <source>%1 is not a device of a chain, so it cannot ask a burn station: run keepsakectl device init first.</source>
        <translation>%1 ist kein Gerät einer Kette und kann daher keine Brennstation beauftragen: Führen Sie zuerst keepsakectl device init aus.</translation>
    </message>
    <message>
        <source>There is no station %1 in this chain: keepsakectl device list names its devices.</source>
        <translation>In dieser Kette gibt es keine Station %1: keepsakectl device list nennt ihre Geräte.</translation>
    </message>
    <message>
        <source>Station %1 answered without a job.</source>
        <translation>Station %1 hat ohne Auftrag geantwortet.</translation>
    </message>
</context>
<context>
    <name>Keepsake::StationCommands</name>
    <message>
        <source>queued, %1 in line</source>
        <translation>wartet, Platz %1 in der Warteschlange</translation>
    </message>
    <message>
        <source>%1  %2 %3  customer %4  %5  %6 %  %7</source>
        <translation>%1  %2 %3  Kunde %4  %5  %6 %  %7</translation>
    </message>
    <message>
        <source>the burn stations&apos; jobs: queued, running, ended</source>
        <translation>die Aufträge der Brennstationen: wartend, laufend, beendet</translation>
    </message>
    <message>
        <source>Lists the recordings asked of a burn station (or of every station of the chain), oldest first, with their state, place in the queue, progress and message. Run on the device that asked for a job, it also records the discs a station verified while that device was not waiting for them (it was stopped or cut off).</source>
        <translation>Listet die bei einer Brennstation (oder bei jeder Station der Kette) angeforderten Brennvorgänge, die ältesten zuerst, mit Zustand, Platz in der Warteschlange, Fortschritt und Meldung. Auf dem Gerät ausgeführt, das einen Auftrag angefordert hat, verbucht der Befehl außerdem die Discs, die eine Station geprüft hat, während dieses Gerät nicht auf sie wartete (weil es beendet oder die Verbindung unterbrochen war).</translation>
    </message>
    <message>
        <source>only this station&apos;s jobs, as the station tells them</source>
        <translation>nur die Aufträge dieser Station, wie die Station sie meldet</translation>
    </message>
    <message>
        <source>DEVICE</source>
        <translation>GERÄT</translation>
    </message>
    <message>
        <source>%1 (jobs)</source>
        <translation>%1 (Aufträge)</translation>
    </message>
    <message>
        <source>Job %1 of station %2 ended while nobody waited for it: %3</source>
        <translation>Auftrag %1 von Station %2 wurde beendet, während niemand darauf wartete: %3</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s).</source>
        <translation>
            <numerusform>%n Auftrag.</numerusform>
            <numerusform>%n Aufträge.</numerusform>
        </translation>
    </message>
    <message>
        <source>cancel a burn station&apos;s job (job cancel ID)</source>
        <translation>einen Auftrag einer Brennstation abbrechen (job cancel ID)</translation>
    </message>
    <message>
        <source>Asks the job&apos;s station to cancel it: a queued job ends at once, a running one at its next step; no image is left and the albums stay expired. A job that has ended stays as it ended.</source>
        <translation>Bittet die Station des Auftrags, ihn abzubrechen: Ein wartender Auftrag endet sofort, ein laufender bei seinem nächsten Schritt; es bleibt kein Abbild zurück, und die Alben bleiben abgelaufen. Ein bereits beendeter Auftrag bleibt, wie er geendet hat.</translation>
    </message>
    <message>
        <source>the sub-command</source>
        <translation>der Unterbefehl</translation>
    </message>
    <message>
        <source>the job&apos;s number, as jobs shows it</source>
        <translation>die Nummer des Auftrags, wie jobs sie zeigt</translation>
    </message>
    <message>
        <source>Say: keepsakectl job cancel ID.</source>
        <translation>Sagen Sie: keepsakectl job cancel ID.</translation>
    </message>
    <message>
        <source>Job %1 is %2.</source>
        <translation>Auftrag %1 hat den Zustand %2.</translation>
    </message>
    <message>
        <source>Job %1 is asked to stop.</source>
        <translation>Auftrag %1 wurde gebeten anzuhalten.</translation>
    </message>
</context>
<context>
    <name>Keepsake::StationDrives</name>
    <message>
        <source>The chain&apos;s burn stations could not be read from the catalog: %1</source>
        <translation>Die Brennstationen der Kette konnten nicht aus dem Katalog gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>Keepsake::StationJobs</name>
    <message>
        <source>There is no burn station job %1.</source>
        <translation>Es gibt keinen Brennauftrag %1.</translation>
    </message>
    <message>
        <source>Burn station job %1 ended while its disc was being verified.</source>
        <translation>Brennauftrag %1 wurde beendet, während seine Disc geprüft wurde.</translation>
    </message>
</context>
<context>
    <name>Keepsake::StationQueueView</name>
    <message>
        <source>Job</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>Laufwerk</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Cancel job</source>
        <translation>Auftrag abbrechen</translation>
    </message>
    <message>
        <source>%1 (counter)</source>
        <translation>%1 (Theke)</translation>
    </message>
    <message>
        <source>A disc a station verified could not be recorded yet: %1</source>
        <translation>Eine von einer Station geprüfte Disc konnte noch nicht verbucht werden: %1</translation>
    </message>
    <message>
        <source>The burn stations&apos; queue could not be read from the catalog: %1. It is read again in a few seconds.</source>
        <translation>Die Warteschlange der Brennstationen konnte nicht aus dem Katalog gelesen werden: %1. Sie wird in einigen Sekunden erneut gelesen.</translation>
    </message>
    <message>
        <source>image file %1</source>
        <translation>Abbilddatei %1</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>queued, %1 in line</source>
        <translation>wartend, Platz %1 in der Warteschlange</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>wartend</translation>
    </message>
    <message>
        <source>running</source>
        <translation>laufend</translation>
    </message>
    <message>
        <source>verified, to be recorded by %1</source>
        <translation>geprüft, wird von %1 verbucht</translation>
    </message>
    <message>
        <source>verifying</source>
        <translation>wird geprüft</translation>
    </message>
    <message>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>Asking station %1 to cancel job %2…</source>
        <translation>Station %1 wird gebeten, Auftrag %2 abzubrechen …</translation>
    </message>
    <message>
        <source>Job %1 could not be cancelled: %2</source>
        <translation>Auftrag %1 konnte nicht abgebrochen werden: %2</translation>
    </message>
    <message>
        <source>Job %1 is %2.</source>
        <translation>Auftrag %1 hat den Zustand %2.</translation>
    </message>
    <message>
        <source>Job %1 is asked to stop; its station stops it at its next step.</source>
        <translation>Auftrag %1 wurde gebeten anzuhalten; seine Station hält ihn bei seinem nächsten Schritt an.</translation>
    </message>
</context>
<context>
    <name>Keepsake::StationReport</name>
    <message>
        <source>The station&apos;s report of the job cannot be read.</source>
        <translation>Der Bericht der Station über den Auftrag kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The station&apos;s report of disc %1 is incomplete.</source>
        <translation>Der Bericht der Station über Disc %1 ist unvollständig.</translation>
    </message>
</context>
<context>
    <name>Keepsake::StationRoutes</name>
    <message>
        <source>An image file on station %1 is named by its absolute path there: stdio:/path/disc.iso, not %2.</source>
        <translation>Eine Abbilddatei auf Station %1 wird mit ihrem absoluten Pfad dort angegeben: stdio:/path/disc.iso, nicht %2.</translation>
    </message>
    <message>
        <source>Station %1 has no drive %2: keepsakectl drives --station %1 lists its drives.</source>
        <translation>Station %1 hat kein Laufwerk %2: keepsakectl drives --station %1 listet ihre Laufwerke.</translation>
    </message>
    <message>
        <source>Album %1 belongs to customer %2, not to %3.</source>
        <translation>Album %1 gehört Kunde %2, nicht %3.</translation>
    </message>
    <message>
        <source>A job is named by its number.</source>
        <translation>Ein Auftrag wird mit seiner Nummer angegeben.</translation>
    </message>
    <message>
        <source>Job %1 is not a job of station %2, but of %3.</source>
        <translation>Auftrag %1 ist kein Auftrag von Station %2, sondern von %3.</translation>
    </message>
    <message>
        <source>Only %1, which asked for job %2, can reject its disc.</source>
        <translation>Nur %1, das Auftrag %2 angefordert hat, kann seine Disc ablehnen.</translation>
    </message>
    <message>
        <source>Rejected by %1.</source>
        <translation>Von %1 abgelehnt.</translation>
    </message>
</context>
<context>
    <name>Keepsake::StationRunner</name>
    <message>
        <source>%1 is not a device of a chain: a burn station is a device (keepsakectl device init).</source>
        <translation>%1 ist kein Gerät einer Kette: Eine Brennstation ist ein Gerät (keepsakectl device init).</translation>
    </message>
    <message>
        <source>The station stopped or restarted during this job: nothing was recorded, the albums stay expired. Burn again.</source>
        <translation>Die Station wurde während dieses Auftrags beendet oder neu gestartet: Es wurde nichts gebrannt, die Alben bleiben abgelaufen. Brennen Sie erneut.</translation>
    </message>
    <message>
        <source>Nothing to record: the customer has no expired albums.</source>
        <translation>Nichts zu brennen: Der Kunde hat keine abgelaufenen Alben.</translation>
    </message>
    <message numerus="yes">
        <source>Verified: %n file(s) read back intact; waiting for %1 to record it.</source>
        <translation>
            <numerusform>Geprüft: %n Datei unversehrt zurückgelesen; wartet darauf, dass %1 die Disc verbucht.</numerusform>
            <numerusform>Geprüft: %n Dateien unversehrt zurückgelesen; wartet darauf, dass %1 die Disc verbucht.</numerusform>
        </translation>
    </message>
    <message>
        <source>The station was stopped during this job: nothing was recorded, the albums stay expired. Burn again.</source>
        <translation>Die Station wurde während dieses Auftrags beendet: Es wurde nichts gebrannt, die Alben bleiben abgelaufen. Brennen Sie erneut.</translation>
    </message>
    <message>
        <source>Cancelled before it started; the albums stay expired.</source>
        <translation>Vor dem Start abgebrochen; die Alben bleiben abgelaufen.</translation>
    </message>
</context>
<context>
    <name>Keepsake::StationSettlement</name>
    <message>
        <source>Burn station job %1 has no verified disc to record (it is %2).</source>
        <translation>Brennauftrag %1 hat keine geprüfte Disc zum Verbuchen (Zustand: %2).</translation>
    </message>
    <message>
        <source>The manifest of disc %1 that station %2 reports cannot be read: %3</source>
        <translation>Das von Station %2 gemeldete Manifest von Disc %1 kann nicht gelesen werden: %3</translation>
    </message>
    <message>
        <source>Nothing to record: the customer has no expired albums.</source>
        <translation>Nichts zu brennen: Der Kunde hat keine abgelaufenen Alben.</translation>
    </message>
    <message>
        <source>Recorded on disc %1 and verified.</source>
        <translation>Auf Disc %1 gebrannt und geprüft.</translation>
    </message>
    <message>
        <source>Station %1 signed disc %2 with a key this chain does not know (%3): nothing was recorded.</source>
        <translation>Station %1 hat Disc %2 mit einem Schlüssel signiert, den diese Kette nicht kennt (%3): Es wurde nichts verbucht.</translation>
    </message>
    <message>
        <source>Station %1 reports session %2 of disc %3, which its manifest does not hold: nothing was recorded.</source>
        <translation>Station %1 meldet Sitzung %2 von Disc %3, die ihr Manifest nicht enthält: Es wurde nichts verbucht.</translation>
    </message>
    <message>
        <source>Station %1 wrote disc %2 for customer %3, not for %4: nothing was recorded.</source>
        <translation>Station %1 hat Disc %2 für Kunde %3 geschrieben, nicht für %4: Es wurde nichts verbucht.</translation>
    </message>
    <message>
        <source>Disc %1 holds album %2, which job %3 did not ask for: nothing was recorded.</source>
        <translation>Disc %1 enthält Album %2, das Auftrag %3 nicht angefordert hat: Es wurde nichts verbucht.</translation>
    </message>
    <message>
        <source>Disc %1 lists photo %2 (%3) of album &apos;%4&apos; with other bytes than the catalog holds: nothing was recorded. Run keepsakectl check on the device that keeps it.</source>
        <translation>Disc %1 führt Foto %2 (%3) von Album „%4“ mit anderen Bytes, als der Katalog verzeichnet: Es wurde nichts verbucht. Führen Sie keepsakectl check auf dem Gerät aus, das das Foto aufbewahrt.</translation>
    </message>
    <message>
        <source>Station %1 verified disc %2, but the catalog could not record it: </source>
        <translation>Station %1 hat Disc %2 geprüft, aber der Katalog konnte sie nicht verbuchen: </translation>
    </message>
    <message>
        <source>Job %1 was recorded elsewhere.</source>
        <translation>Auftrag %1 wurde anderswo verbucht.</translation>
    </message>
</context>
<context>
    <name>Keepsake::StatusCommand</name>
    <message>
        <source>the lab at a glance</source>
        <translation>das Labor auf einen Blick</translation>
    </message>
    <message>
        <source>Shows customers, albums by state, the store&apos;s size and free space, and failures.</source>
        <translation>Zeigt Kunden, Alben nach Zustand, Größe und freien Platz der Ablage sowie Fehler.</translation>
    </message>
    <message>
        <source>Data folder: %1
Catalog:     %2 (schema %3)
Customers:   %4
Albums:      %5
Photos:      %6 in %7 stored files, %8
Free space:  %9
Failed hand-ins: %10</source>
        <translation>Datenordner:   %1
Katalog:       %2 (Schema %3)
Kunden:        %4
Alben:         %5
Fotos:         %6 in %7 gespeicherten Dateien, %8
Freier Platz:  %9
Fehlgeschlagene Abgaben: %10</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Interrupted hand-ins: %1 (their program ended before they did; the photos stored stay, hand those cards in again)</source>
        <translation>Unterbrochene Abgaben: %1 (ihr Programm endete vor ihnen; gespeicherte Fotos bleiben, geben Sie diese Karten erneut ab)</translation>
    </message>
</context>
<context>
    <name>Keepsake::Store</name>
    <message>
        <source>%1 cannot be read: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
</context>
<context>
    <name>Keepsake::StoreCheck</name>
    <message>
        <source>The check of the photo store was cancelled.</source>
        <translation>Die Prüfung der Fotoablage wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>Keepsake::StoreCommands</name>
    <message>
        <source>make the missing thumbnails of stored photos</source>
        <translation>die fehlenden Vorschaubilder gespeicherter Fotos erstellen</translation>
    </message>
    <message>
        <source>only this customer&apos;s photos</source>
        <translation>nur die Fotos dieses Kunden</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>thumbnails</source>
        <translation>Vorschaubilder</translation>
    </message>
    <message>
        <source>No thumbnail for stored file %1: %2</source>
        <translation>Kein Vorschaubild für die gespeicherte Datei %1: %2</translation>
    </message>
    <message>
        <source>check that the photo store and the catalog agree</source>
        <translation>prüfen, ob Fotoablage und Katalog übereinstimmen</translation>
    </message>
    <message>
        <source>Checks every stored file against the catalog: files nothing references, catalogued files that are missing, files whose bytes changed.</source>
        <translation>Prüft jede gespeicherte Datei gegen den Katalog: Dateien, auf die nichts verweist, katalogisierte Dateien, die fehlen, Dateien, deren Bytes sich geändert haben.</translation>
    </message>
    <message>
        <source>delete the files nothing references</source>
        <translation>die Dateien löschen, auf die nichts verweist</translation>
    </message>
    <message>
        <source>files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>unreferenced: %1 (no photo uses it; --repair deletes it)</source>
        <translation>ohne Verweis: %1 (kein Foto nutzt sie; --repair löscht sie)</translation>
    </message>
    <message>
        <source>missing: %1 is catalogued but its file is gone; restore the store from backup</source>
        <translation>fehlt: %1 ist katalogisiert, aber seine Datei ist weg; stellen Sie die Ablage aus der Sicherung wieder her</translation>
    </message>
    <message>
        <source>damaged: the bytes of %1 changed; restore it from backup</source>
        <translation>beschädigt: die Bytes von %1 haben sich geändert; stellen Sie sie aus der Sicherung wieder her</translation>
    </message>
    <message>
        <source>The store and the catalog agree (%1 files checked).</source>
        <translation>Ablage und Katalog stimmen überein (%1 Dateien geprüft).</translation>
    </message>
    <message>
        <source>%1 files checked: %2 unreferenced (%3 deleted), %4 missing, %5 damaged.</source>
        <translation>%1 Dateien geprüft: %2 ohne Verweis (%3 gelöscht), %4 fehlen, %5 beschädigt.</translation>
    </message>
    <message>
        <source>warning: %1 has mode %2: other local users can read the lab&apos;s photos, PIN hashes or mail password. Run: chmod %3 %1</source>
        <translation>Warnung: %1 hat den Modus %2: Andere lokale Benutzer können die Fotos, PIN-Hashes oder das Mail-Passwort des Labors lesen. Führen Sie aus: chmod %3 %1</translation>
    </message>
    <message>
        <source>Makes every missing thumbnail (grid and print size) of the stored photos, and gives the photos stored before near-duplicates were looked for their picture hash.</source>
        <translation>Erstellt jedes fehlende Vorschaubild (Raster- und Druckgröße) der gespeicherten Fotos und gibt den Fotos, die gespeichert wurden, bevor nach Beinahe-Duplikaten gesucht wurde, ihren Bild-Hash.</translation>
    </message>
    <message>
        <source>%1 thumbnails made, %2 were there, %3 failed; %4 photos stored before got their picture hash (%5 s).</source>
        <translation>%1 Vorschaubilder erstellt, %2 waren vorhanden, %3 fehlgeschlagen; %4 früher gespeicherte Fotos haben ihren Bild-Hash erhalten (%5 s).</translation>
    </message>
</context>
<context>
    <name>Keepsake::StoreLock</name>
    <message>
        <source>The photo store&apos;s lock %1 cannot be opened: %2. Check the data folder&apos;s permissions.</source>
        <translation>Die Sperrdatei %1 der Fotoablage kann nicht geöffnet werden: %2. Prüfen Sie die Rechte des Datenordners.</translation>
    </message>
    <message>
        <source>The photo store&apos;s lock %1 cannot be taken: %2.</source>
        <translation>Die Sperre %1 der Fotoablage kann nicht gesetzt werden: %2.</translation>
    </message>
</context>
<context>
    <name>Keepsake::TerminalNotices</name>
    <message>
        <source>There is no notice %1 for a terminal; show the customer&apos;s notices again and choose one of them.</source>
        <translation>Es gibt keinen Hinweis %1 für ein Terminal; zeigen Sie die Hinweise des Kunden erneut an und wählen Sie einen davon.</translation>
    </message>
    <message>
        <source>%1 has no notices of their own.</source>
        <translation>Für %1 gibt es keine eigenen Hinweise.</translation>
    </message>
    <message>
        <source>%1 may not mark notice %2 read: it is somebody else&apos;s.</source>
        <translation>%1 darf Hinweis %2 nicht als gelesen markieren: Er gehört jemand anderem.</translation>
    </message>
</context>
<context>
    <name>Keepsake::TerminalSessions</name>
    <message>
        <source>The customer&apos;s session at this terminal has ended: sign in again.</source>
        <translation>Die Sitzung des Kunden an diesem Terminal ist beendet: Melden Sie sich erneut an.</translation>
    </message>
</context>
<context>
    <name>Keepsake::Terminals</name>
    <message>
        <source>The terminal name &quot;%1&quot; is not usable: give 1 to 64 characters on one line, e.g. kiosk-1.</source>
        <translation>Der Terminalname „%1“ ist nicht verwendbar: Geben Sie 1 bis 64 Zeichen in einer Zeile an, z. B. kiosk-1.</translation>
    </message>
    <message>
        <source>This device already has a terminal named %1. Remove it first (keepsakectl terminal remove %1), or choose another name.</source>
        <translation>Dieses Gerät hat bereits ein Terminal namens %1. Entfernen Sie es zuerst (keepsakectl terminal remove %1) oder wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>This device has no terminal named %1. See: keepsakectl terminal list</source>
        <translation>Dieses Gerät hat kein Terminal namens %1. Siehe: keepsakectl terminal list</translation>
    </message>
    <message>
        <source>This terminal&apos;s token is not accepted by the device (unknown or revoked). Pair the terminal again: keepsakectl terminal add NAME.</source>
        <translation>Das Token dieses Terminals wird vom Gerät nicht angenommen (unbekannt oder widerrufen). Koppeln Sie das Terminal erneut: keepsakectl terminal add NAME.</translation>
    </message>
</context>
<context>
    <name>Keepsake::TestMail</name>
    <message>
        <source>No mail server is set: enter the mail server&apos;s name first.</source>
        <translation>Es ist kein Mailserver eingerichtet: Tragen Sie zuerst den Namen des Mailservers ein.</translation>
    </message>
    <message>
        <source>The test mail was not sent: &quot;%1&quot; is not a usable address (%2).</source>
        <translation>Die Test-Mail wurde nicht gesendet: „%1“ ist keine verwendbare Adresse (%2).</translation>
    </message>
    <message>
        <source>The test mail was not sent: the sender address &quot;%1&quot; is not usable (%2).</source>
        <translation>Die Test-Mail wurde nicht gesendet: Die Absenderadresse „%1“ ist nicht verwendbar (%2).</translation>
    </message>
    <message>
        <source>Test mail from %1</source>
        <translation>Test-Mail von %1</translation>
    </message>
    <message>
        <source>This mail was sent from the counter&apos;s settings to check that %1 can send its notices through %2.
Nothing needs to be done.</source>
        <translation>Diese Mail wurde aus den Einstellungen der Theke gesendet, um zu prüfen, ob %1 seine Hinweise über %2 verschicken kann.
Es ist nichts zu tun.</translation>
    </message>
    <message>
        <source>The test mail to %1 was not sent: %2</source>
        <translation>Die Test-Mail an %1 wurde nicht gesendet: %2</translation>
    </message>
</context>
<context>
    <name>Keepsake::ThumbnailJob</name>
    <message>
        <source>Cancelled after %1 of %2 thumbnails.</source>
        <translation>Abgebrochen nach %1 von %2 Vorschaubildern.</translation>
    </message>
    <message>
        <source>Cannot open the stored file %1: %2</source>
        <translation>Die gespeicherte Datei %1 lässt sich nicht öffnen: %2</translation>
    </message>
</context>
<context>
    <name>Keepsake::Thumbnailer</name>
    <message>
        <source>A thumbnail needs the file&apos;s SHA-256, not &quot;%1&quot;.</source>
        <translation>Ein Vorschaubild braucht die SHA-256 der Datei, nicht „%1“.</translation>
    </message>
    <message>
        <source>There is no picture to make a thumbnail from.</source>
        <translation>Es gibt kein Bild, aus dem ein Vorschaubild erstellt werden kann.</translation>
    </message>
    <message>
        <source>The thumbnail cannot be encoded.</source>
        <translation>Das Vorschaubild kann nicht kodiert werden.</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>No thumbnail for %1: %2</source>
        <translation>Kein Vorschaubild für %1: %2</translation>
    </message>
    <message>
        <source>Cannot create the thumbnail folder for %1.</source>
        <translation>Der Vorschaubild-Ordner für %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot write the thumbnail %1: %2</source>
        <translation>Das Vorschaubild %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>The thumbnail received for %1 is no JPEG picture of the expected size.</source>
        <translation>Das für %1 empfangene Vorschaubild ist kein JPEG-Bild der erwarteten Größe.</translation>
    </message>
</context>
<context>
    <name>Keepsake::TouchKeyboard</name>
    <message>
        <source>Caps lock</source>
        <translation>Feststelltaste</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Umschalt</translation>
    </message>
    <message>
        <source>Backspace</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Leertaste</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Next field</source>
        <translation>Nächstes Feld</translation>
    </message>
    <message>
        <source>Keyboard: %1. Tap for another language.</source>
        <translation>Tastatur: %1. Tippen für eine andere Sprache.</translation>
    </message>
    <message>
        <source>Digits and symbols</source>
        <translation>Ziffern und Symbole</translation>
    </message>
    <message>
        <source>Letters</source>
        <translation>Buchstaben</translation>
    </message>
    <message>
        <source>Voiced sound mark</source>
        <translation>Dakuten</translation>
    </message>
    <message>
        <source>Small kana</source>
        <translation>Kleine Kana</translation>
    </message>
    <message>
        <source>Hiragana</source>
        <translation>Hiragana</translation>
    </message>
    <message>
        <source>Katakana</source>
        <translation>Katakana</translation>
    </message>
</context>
<context>
    <name>Keepsake::UploadRoutes</name>
    <message>
        <source>&quot;%1&quot; is not an ID.</source>
        <translation>„%1“ ist keine ID.</translation>
    </message>
</context>
<context>
    <name>Keepsake::UsbCameraCopy</name>
    <message>
        <source>%1 shows no files. A phone shows its photos only while it is unlocked and allows this computer in (&quot;Trust&quot; on an iPhone; &quot;File transfer&quot; or &quot;PTP&quot; on Android): unlock it, allow access, then unplug it and plug it in again.</source>
        <translation>%1 zeigt keine Dateien. Ein Telefon zeigt seine Fotos nur, solange es entsperrt ist und diesem Rechner den Zugriff erlaubt („Vertrauen“ auf einem iPhone; „Dateiübertragung“ oder „PTP“ auf Android): Entsperren Sie es, erlauben Sie den Zugriff, stecken Sie es dann ab und wieder an.</translation>
    </message>
    <message>
        <source>not copied: %1</source>
        <translation>nicht kopiert: %1</translation>
    </message>
    <message>
        <source>the camera gives this folder a name that cannot be a folder&apos;s name here; its files were not copied</source>
        <translation>die Kamera gibt diesem Ordner einen Namen, der hier kein Ordnername sein kann; seine Dateien wurden nicht kopiert</translation>
    </message>
    <message numerus="yes">
        <source>the folder lies more than %n folder(s) deep on the camera; its files were not copied</source>
        <translation>
            <numerusform>der Ordner liegt auf der Kamera mehr als %n Ordnerebene tief; seine Dateien wurden nicht kopiert</numerusform>
            <numerusform>der Ordner liegt auf der Kamera mehr als %n Ordnerebenen tief; seine Dateien wurden nicht kopiert</numerusform>
        </translation>
    </message>
    <message>
        <source>the camera gives this file a name that cannot be a file&apos;s name here</source>
        <translation>die Kamera gibt dieser Datei einen Namen, der hier kein Dateiname sein kann</translation>
    </message>
    <message>
        <source>the file is too large for a photo (%1 MB; Keepsake takes photos up to %2 MB); it was not copied</source>
        <translation>die Datei ist zu groß für ein Foto (%1 MB; Keepsake nimmt Fotos bis %2 MB); sie wurde nicht kopiert</translation>
    </message>
    <message>
        <source>There is no room for the photos of %1: they take %2, and %3 has only %4 free. Free some space there and hand the camera in again.</source>
        <translation>Für die Fotos von %1 ist kein Platz: Die Fotos belegen %2, auf %3 sind aber nur %4 frei. Schaffen Sie dort Platz und geben Sie die Kamera erneut ab.</translation>
    </message>
    <message>
        <source>The spool folder %1 cannot be made: check the free space and permissions of %2.</source>
        <translation>Der Zwischenordner %1 kann nicht angelegt werden: Prüfen Sie freien Platz und Rechte von %2.</translation>
    </message>
    <message>
        <source>%1 cannot be written into the spool folder %2: %3.</source>
        <translation>%1 kann nicht in den Zwischenordner %2 geschrieben werden: %3.</translation>
    </message>
</context>
<context>
    <name>Keepsake::UsbCameras</name>
    <message>
        <source>Name the camera&apos;s port (`keepsakectl usb` lists the cameras connected now).</source>
        <translation>Nennen Sie den Port der Kamera (`keepsakectl usb` listet die jetzt angeschlossenen Kameras auf).</translation>
    </message>
    <message>
        <source>No camera or phone is connected at %1: plug it in and unlock it, or name its model.</source>
        <translation>An %1 ist keine Kamera und kein Telefon angeschlossen: Schließen Sie das Gerät an und entsperren Sie es, oder nennen Sie sein Modell.</translation>
    </message>
</context>
<context>
    <name>Keepsake::UsbCommand</name>
    <message>
        <source>cameras and phones connected by USB</source>
        <translation>per USB angeschlossene Kameras und Telefone</translation>
    </message>
    <message>
        <source>Lists the cameras and phones connected to this computer by USB that libgphoto2 reads (PTP, MTP): their model and port. Hand one in with: ingest --customer C --usb PORT. A phone shows up only while it is unlocked and allows this computer in.</source>
        <translation>Listet die per USB an diesen Rechner angeschlossenen Kameras und Telefone auf, die libgphoto2 lesen kann (PTP, MTP): ihr Modell und ihren Port. Abgeben mit: ingest --customer C --usb PORT. Ein Telefon erscheint nur, solange es entsperrt ist und diesem Rechner den Zugriff erlaubt.</translation>
    </message>
    <message>
        <source>No camera or phone on USB. A phone shows up only while it is unlocked and allows this computer in.</source>
        <translation>Keine Kamera und kein Telefon an USB. Ein Telefon erscheint nur, solange es entsperrt ist und diesem Rechner den Zugriff erlaubt.</translation>
    </message>
    <message numerus="yes">
        <source>%n camera(s) or phone(s); hand one in with: keepsakectl ingest --customer C --usb PORT</source>
        <translation>
            <numerusform>%n Kamera oder Telefon; abgeben mit: keepsakectl ingest --customer C --usb PORT</numerusform>
            <numerusform>%n Kameras oder Telefone; eines davon abgeben mit: keepsakectl ingest --customer C --usb PORT</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Keepsake::UsbHandin</name>
    <message>
        <source>Stopped while copying from %1: nothing of it was handed in.</source>
        <translation>Beim Kopieren von %1 angehalten: Nichts davon wurde abgegeben.</translation>
    </message>
    <message>
        <source>The spool folder %1 cannot be made: check the free space and permissions of %2.</source>
        <translation>Der Zwischenordner %1 kann nicht angelegt werden: Prüfen Sie freien Platz und Rechte von %2.</translation>
    </message>
</context>
<context>
    <name>Keepsake::WebFront</name>
    <message>
        <source>Method not allowed here.</source>
        <translation>Diese Methode ist hier nicht erlaubt.</translation>
    </message>
    <message>
        <source>No such page: %1</source>
        <translation>Diese Seite gibt es nicht: %1</translation>
    </message>
    <message>
        <source>This request did not come from the lab&apos;s page.</source>
        <translation>Diese Anfrage kam nicht von der Seite des Labors.</translation>
    </message>
    <message>
        <source>No such path: %1</source>
        <translation>Diesen Pfad gibt es nicht: %1</translation>
    </message>
</context>
<context>
    <name>Keepsake::WebLinks</name>
    <message>
        <source>The lab serves no web page: set web.url or make this data folder a device.</source>
        <translation>Das Labor stellt keine Webseite bereit: Setzen Sie web.url oder machen Sie diesen Datenordner zu einem Gerät.</translation>
    </message>
    <message>
        <source>This link was used already or has expired: sign in with your customer code and PIN, or ask the lab for a new link.</source>
        <translation>Dieser Link wurde schon benutzt oder ist abgelaufen: Melden Sie sich mit Kundennummer und PIN an oder fragen Sie im Labor nach einem neuen Link.</translation>
    </message>
</context>
<context>
    <name>Keepsake::WebPage</name>
    <message>
        <source>Your photos</source>
        <translation>Ihre Fotos</translation>
    </message>
    <message>
        <source>Skip to the content</source>
        <translation>Zum Inhalt springen</translation>
    </message>
    <message>
        <source>Your account</source>
        <translation>Ihr Konto</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>The lab cannot be reached. Check your connection and try again.</source>
        <translation>Das Labor ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <source>The lab answered with an error (%1). Try again later, or ask the lab.</source>
        <translation>Das Labor hat mit einem Fehler geantwortet (%1). Versuchen Sie es später noch einmal oder fragen Sie im Labor.</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 Byte</translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>%1 GB</source>
        <translation>%1 GB</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Sign in with the customer code from your receipt and your PIN.</source>
        <translation>Melden Sie sich mit der Kundennummer von Ihrem Beleg und Ihrer PIN an.</translation>
    </message>
    <message>
        <source>This link was used already or has expired: sign in with your customer code and PIN, or ask the lab.</source>
        <translation>Dieser Link wurde schon benutzt oder ist abgelaufen: Melden Sie sich mit Kundennummer und PIN an oder fragen Sie im Labor.</translation>
    </message>
    <message>
        <source>Customer code</source>
        <translation>Kundennummer</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Enter your customer code and your PIN.</source>
        <translation>Geben Sie Ihre Kundennummer und Ihre PIN ein.</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>%1 (customer %2)</source>
        <translation>%1 (Kunde %2)</translation>
    </message>
    <message>
        <source>Viewing as %1</source>
        <translation>Angemeldet als %1</translation>
    </message>
    <message>
        <source>Albums</source>
        <translation>Alben</translation>
    </message>
    <message>
        <source>There are no albums for you to see right now.</source>
        <translation>Im Moment gibt es keine Alben, die Sie sehen können.</translation>
    </message>
    <message>
        <source>Cover photo of %1</source>
        <translation>Titelfoto von %1</translation>
    </message>
    <message>
        <source>Shared by %1</source>
        <translation>Geteilt von %1</translation>
    </message>
    <message>
        <source>Photos: %1 (%2)</source>
        <translation>Fotos: %1 (%2)</translation>
    </message>
    <message>
        <source>Kept here until %1</source>
        <translation>Hier aufbewahrt bis %1</translation>
    </message>
    <message>
        <source>Goes onto disc soon</source>
        <translation>Kommt bald auf Disc</translation>
    </message>
    <message>
        <source>Back to the albums</source>
        <translation>Zurück zu den Alben</translation>
    </message>
    <message>
        <source>Download all (zip)</source>
        <translation>Alle herunterladen (ZIP)</translation>
    </message>
    <message>
        <source>Download the album %1 as a zip file</source>
        <translation>Das Album %1 als ZIP-Datei herunterladen</translation>
    </message>
    <message>
        <source>This album has no photos.</source>
        <translation>Dieses Album enthält keine Fotos.</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>Download %1</source>
        <translation>%1 herunterladen</translation>
    </message>
    <message>
        <source>%1 (no preview)</source>
        <translation>%1 (keine Vorschau)</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>Mitteilungen</translation>
    </message>
    <message>
        <source>No notices.</source>
        <translation>Keine Mitteilungen.</translation>
    </message>
    <message>
        <source>Notices, unread: %1</source>
        <translation>Mitteilungen, ungelesen: %1</translation>
    </message>
    <message>
        <source>Sent on %1</source>
        <translation>Gesendet am %1</translation>
    </message>
    <message>
        <source>Open the album %1</source>
        <translation>Album %1 öffnen</translation>
    </message>
    <message>
        <source>Mark read</source>
        <translation>Als gelesen markieren</translation>
    </message>
    <message>
        <source>Mark the notice &quot;%1&quot; read</source>
        <translation>Mitteilung „%1“ als gelesen markieren</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Gelesen</translation>
    </message>
    <message>
        <source>New notice</source>
        <translation>Neue Mitteilung</translation>
    </message>
    <message>
        <source>Close this message</source>
        <translation>Diese Meldung schließen</translation>
    </message>
    <message>
        <source>Hand in photos</source>
        <translation>Fotos abgeben</translation>
    </message>
    <message>
        <source>Photos for %1</source>
        <translation>Fotos für %1</translation>
    </message>
    <message>
        <source>This address works until %1.</source>
        <translation>Diese Adresse gilt bis %1.</translation>
    </message>
    <message>
        <source>Choose the photos and videos to hand in. They go to the lab as they are, in full quality.</source>
        <translation>Wählen Sie die Fotos und Videos, die Sie abgeben möchten. Sie gehen unverändert und in voller Qualität ans Labor.</translation>
    </message>
    <message>
        <source>Choose photos</source>
        <translation>Fotos auswählen</translation>
    </message>
    <message>
        <source>Files chosen: %1 (%2)</source>
        <translation>Ausgewählte Dateien: %1 (%2)</translation>
    </message>
    <message>
        <source>Send to the lab</source>
        <translation>Ans Labor senden</translation>
    </message>
    <message>
        <source>Progress of %1</source>
        <translation>Fortschritt von %1</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Checking file %1 of %2…</source>
        <translation>Datei %1 von %2 wird geprüft …</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft …</translation>
    </message>
    <message>
        <source>Sending file %1 of %2…</source>
        <translation>Datei %1 von %2 wird gesendet …</translation>
    </message>
    <message>
        <source>Sending: %1 %</source>
        <translation>Wird gesendet: %1 %</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>The lab has this photo already: nothing to send.</source>
        <translation>Das Labor hat dieses Foto schon: Es muss nicht gesendet werden.</translation>
    </message>
    <message>
        <source>The lab refused this file.</source>
        <translation>Das Labor hat diese Datei abgelehnt.</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>Abgelehnt: %1</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Nicht gesendet: %1</translation>
    </message>
    <message>
        <source>Handing in…</source>
        <translation>Wird abgegeben …</translation>
    </message>
    <message>
        <source>The lab is taking in the photos: %1 of %2 done.</source>
        <translation>Das Labor nimmt die Fotos an: %1 von %2 fertig.</translation>
    </message>
    <message>
        <source>Handed in</source>
        <translation>Abgegeben</translation>
    </message>
    <message>
        <source>New: %1. Handed in before: %2. New versions: %3. Not taken: %4.</source>
        <translation>Neu: %1. Schon früher abgegeben: %2. Neue Versionen: %3. Nicht angenommen: %4.</translation>
    </message>
    <message>
        <source>You can close this page now: the photos are in your albums at the lab.</source>
        <translation>Sie können diese Seite jetzt schließen: Die Fotos sind in Ihren Alben im Labor.</translation>
    </message>
    <message>
        <source>The hand-in failed. Ask at the counter for help.</source>
        <translation>Die Abgabe ist fehlgeschlagen. Fragen Sie an der Theke nach Hilfe.</translation>
    </message>
    <message>
        <source>This upload address has expired or was used already. Ask at the kiosk for a new QR code.</source>
        <translation>Diese Abgabe-Adresse ist abgelaufen oder wurde schon benutzt. Lassen Sie sich am Terminal einen neuen QR-Code zeigen.</translation>
    </message>
    <message>
        <source>These photos were handed in already. To hand in more, ask at the kiosk for a new QR code.</source>
        <translation>Diese Fotos wurden schon abgegeben. Für weitere Fotos lassen Sie sich am Terminal einen neuen QR-Code zeigen.</translation>
    </message>
    <message>
        <source>This browser cannot check the photos on this page. Open the address from the QR code again (it begins with https), or ask at the kiosk.</source>
        <translation>Dieser Browser kann die Fotos auf dieser Seite nicht prüfen. Öffnen Sie die Adresse aus dem QR-Code noch einmal (sie beginnt mit https) oder fragen Sie am Terminal.</translation>
    </message>
    <message>
        <source>This address is incomplete. Scan the QR code at the kiosk again.</source>
        <translation>Diese Adresse ist unvollständig. Scannen Sie den QR-Code am Terminal noch einmal.</translation>
    </message>
    <message>
        <source>New photo: stored at the lab</source>
        <translation>Neues Foto: angenommen</translation>
    </message>
    <message>
        <source>Handed in before: not stored again</source>
        <translation>Schon früher abgegeben: nicht noch einmal gespeichert</translation>
    </message>
    <message>
        <source>New version of a photo handed in before: stored at the lab</source>
        <translation>Neue Version eines früher abgegebenen Fotos: angenommen</translation>
    </message>
    <message>
        <source>Not taken: no photo or video could be read from this file</source>
        <translation>Nicht angenommen: In dieser Datei ist kein lesbares Foto oder Video</translation>
    </message>
    <message>
        <source>Not taken: %1</source>
        <translation>Nicht angenommen: %1</translation>
    </message>
</context>
<context>
    <name>Keepsake::WebPhoneRoutes</name>
    <message>
        <source>A piece of a photo needs its path and offset.</source>
        <translation>Ein Stück eines Fotos braucht seinen Pfad und Offset.</translation>
    </message>
    <message>
        <source>A piece of %1 is larger than the device takes: send smaller pieces.</source>
        <translation>Ein Stück von %1 ist größer, als das Gerät annimmt: Senden Sie kleinere Stücke.</translation>
    </message>
</context>
<context>
    <name>Keepsake::WebReply</name>
    <message>
        <source>The photo&apos;s file is gone from this device: ask the lab.</source>
        <translation>Die Datei des Fotos ist auf diesem Gerät nicht mehr vorhanden: Fragen Sie im Labor nach.</translation>
    </message>
</context>
<context>
    <name>Keepsake::WebRoutes</name>
    <message>
        <source>&quot;%1&quot; is not an ID.</source>
        <translation>„%1“ ist keine ID.</translation>
    </message>
    <message>
        <source>%1 is kept on %2, not on this device: download it there, or ask the lab.</source>
        <translation>%1 wird auf %2 aufbewahrt, nicht auf diesem Gerät: Laden Sie es dort herunter oder fragen Sie im Labor nach.</translation>
    </message>
</context>
<context>
    <name>Keepsake::WebSessions</name>
    <message>
        <source>Your session on this page has ended: sign in again.</source>
        <translation>Ihre Sitzung auf dieser Seite ist beendet: Melden Sie sich erneut an.</translation>
    </message>
</context>
<context>
    <name>Keepsake::WelcomePage</name>
    <message>
        <source>Welcome to %1</source>
        <translation>Willkommen bei %1</translation>
    </message>
    <message>
        <source>Your card is ready. Sign in with your customer code and PIN to hand in its photos.</source>
        <translation>Ihre Karte ist bereit. Melden Sie sich mit Kundennummer und PIN an, um die Fotos abzugeben.</translation>
    </message>
    <message>
        <source>Insert a memory card or USB stick, or sign in to see your albums.</source>
        <translation>Stecken Sie eine Speicherkarte oder einen USB-Stick ein, oder melden Sie sich an, um Ihre Alben zu sehen.</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>Neuer Kunde</translation>
    </message>
    <message>
        <source>Your camera or phone is connected. Sign in with your customer code and PIN to hand in its photos.</source>
        <translation>Ihre Kamera oder Ihr Telefon ist angeschlossen. Melden Sie sich mit Kundennummer und PIN an, um die Fotos abzugeben.</translation>
    </message>
</context>
<context>
    <name>Keepsake::XmpSidecar</name>
    <message>
        <source>The metadata of %1 could not be written as XMP.</source>
        <translation>Die Metadaten von %1 konnten nicht als XMP geschrieben werden.</translation>
    </message>
    <message>
        <source>The sidecar %1 could not be written: %2</source>
        <translation>Die Begleitdatei %1 konnte nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Keepsake: photo keeping for photo labs.</source>
        <translation>Keepsake: Fotoaufbewahrung für Fotolabore.</translation>
    </message>
    <message>
        <source>The lab&apos;s data folder (or KEEPSAKE_DATA_DIR).</source>
        <translation>Der Datenordner des Labors (oder KEEPSAKE_DATA_DIR).</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>ORDNER</translation>
    </message>
    <message>
        <source>sqlite:PATH or postgresql://USER@HOST:PORT/DB (or KEEPSAKE_CATALOG).</source>
        <translation>sqlite:PFAD oder postgresql://BENUTZER@HOST:PORT/DB (oder KEEPSAKE_CATALOG).</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Start the customers&apos; touchscreen instead of the counter window.</source>
        <translation>Den Kunden-Touchscreen statt des Thekenfensters starten.</translation>
    </message>
    <message>
        <source>Folders where cards and USB sticks are mounted, for the kiosk (default /media and /run/media; may be repeated).</source>
        <translation>Ordner, in denen Karten und USB-Sticks eingehängt werden, für das Terminal (Vorgabe /media und /run/media; mehrfach möglich).</translation>
    </message>
    <message>
        <source>Show the kiosk in a window instead of full screen.</source>
        <translation>Das Terminal im Fenster statt im Vollbild zeigen.</translation>
    </message>
    <message>
        <source>Keepsake</source>
        <translation>Keepsake</translation>
    </message>
    <message>
        <source>The kiosk as the client of this device&apos;s service, https://HOST:PORT (or KEEPSAKE_DEVICE): it opens no lab here; --data-dir then only holds its cache of thumbnails.</source>
        <translation>Das Terminal als Client des Dienstes dieses Geräts, https://HOST:PORT (oder KEEPSAKE_DEVICE): Es öffnet hier kein Labor; --data-dir enthält dann nur seinen Zwischenspeicher für Vorschaubilder.</translation>
    </message>
    <message>
        <source>The device&apos;s certificate fingerprint, as terminal add printed it (or KEEPSAKE_DEVICE_FINGERPRINT).</source>
        <translation>Der Zertifikat-Fingerabdruck des Geräts, wie terminal add ihn ausgegeben hat (oder KEEPSAKE_DEVICE_FINGERPRINT).</translation>
    </message>
    <message>
        <source>FP</source>
        <translation>FP</translation>
    </message>
    <message>
        <source>This kiosk&apos;s token, as terminal add printed it (or KEEPSAKE_DEVICE_TOKEN).</source>
        <translation>Das Token dieses Terminals, wie terminal add es ausgegeben hat (oder KEEPSAKE_DEVICE_TOKEN).</translation>
    </message>
    <message>
        <source>TOKEN</source>
        <translation>TOKEN</translation>
    </message>
    <message>
        <source>--device takes the device&apos;s address as https://HOST:PORT, not &quot;%1&quot;.</source>
        <translation>--device erwartet die Adresse des Geräts als https://HOST:PORT, nicht „%1“.</translation>
    </message>
    <message>
        <source>--device needs the device&apos;s certificate fingerprint (--fingerprint) and this kiosk&apos;s token (--token), as keepsakectl terminal add printed them on the device.</source>
        <translation>--device braucht den Zertifikat-Fingerabdruck des Geräts (--fingerprint) und das Token dieses Terminals (--token), wie keepsakectl terminal add sie auf dem Gerät ausgegeben hat.</translation>
    </message>
    <message>
        <source>--device is for the kiosk: keepsake --kiosk --device URL --fingerprint FP --token TOKEN.</source>
        <translation>--device ist für das Terminal: keepsake --kiosk --device URL --fingerprint FP --token TOKEN.</translation>
    </message>
    <message>
        <source>The CUPS queue of the receipt printer beside the kiosk (or KEEPSAKE_RECEIPT_PRINTER): a hand-in&apos;s receipt is printed there on request. Without one the kiosk shows the receipt on its screen only.</source>
        <translation>Die CUPS-Warteschlange des Belegdruckers neben dem Kiosk (oder KEEPSAKE_RECEIPT_PRINTER): Der Beleg einer Abgabe wird auf Wunsch dort gedruckt. Ohne sie zeigt der Kiosk den Beleg nur auf dem Bildschirm.</translation>
    </message>
    <message>
        <source>QUEUE</source>
        <translation>QUEUE</translation>
    </message>
</context>
</TS>
