#!/usr/bin/perl
# lines.pl DIR FILE...: print every physical line of each FILE (in DIR) as one
# row of COPY's text format: file name, line number, text of the line.
#
# The loader parses CSV and GeoJSON in SQL from these rows, so every error it
# raises can name the file and the line.  Line ends (LF or CRLF, mixed) are
# removed here because COPY itself refuses files that mix them.  A file that
# is missing, unreadable or not UTF-8 stops the load with FILE:LINE.
use strict;
use warnings;

my $dir = shift @ARGV;
die "lines.pl: usage: lines.pl DIR FILE...\n" unless defined $dir && @ARGV;

for my $name (@ARGV) {
    my $path = "$dir/$name";
    open(my $fh, '<:raw', $path) or die "$name: cannot read $path: $!\n";
    while (my $line = <$fh>) {
        $line =~ s/\r?\n\z//;
        my $check = $line;
        utf8::decode($check) or die "$name:$.: not valid UTF-8\n";
        $line =~ s/\\/\\\\/g;
        $line =~ s/\t/\\t/g;
        $line =~ s/\r/\\r/g;
        print "$name\t$.\t$line\n";
    }
    close($fh) or die "$name: cannot read $path: $!\n";
}
